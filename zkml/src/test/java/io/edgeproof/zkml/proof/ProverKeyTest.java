package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.commit.basefold.BasefoldProver;
import io.edgeproof.commit.basefold.BasefoldProverData;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.zkml.engine.IntegerEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProverKeyTest {
    private static final String SMALL = "ezkl/1l_mlp";
    /** Saved Basefold prover data: magic, version, variables, blowup, root, then the table and the codeword. */
    private static final int DATA_HEADER = 4 + 1 + 1 + 1 + 32;

    @Test
    void reloadedKeyProvesAndTheProofVerifiesUnderTheOriginalVerifierKey() throws Exception {
        ProverKey key = ProofFixtures.key("digits-mlp");
        byte[] saved = key.toBytes();
        ProverKey loaded = ProverKey.fromBytes(saved);
        assertArrayEquals(saved, loaded.toBytes());
        int[] input = ProofFixtures.input(loaded, 2, 11);
        byte[] context = ProofFixtures.context("reloaded");
        ProofOutput out = ZkmlProver.prove(loaded, input, 2, context);
        VerifiedInference v = ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), context);
        assertArrayEquals(new IntegerEngine(key.model()).run(input, 2), v.outputs());
    }

    @Test
    void rejectsATamperedSavedTable() {
        byte[] bad = ProofFixtures.key(SMALL).toBytes();
        int table = dataStart(bad, 0) + DATA_HEADER;
        addOne(bad, table + 8 * 5);
        assertRejected(bad, "weight polynomial 0", "table does not encode");
    }

    @Test
    void rejectsATamperedSavedCodeword() {
        byte[] bad = ProofFixtures.key(SMALL).toBytes();
        int start = dataStart(bad, 0);
        int codeword = start + DATA_HEADER + 8 * (1 << bad[start + 5]);
        addOne(bad, codeword + 8 * 3);
        assertRejected(bad, "weight polynomial 0", "Merkle root differs");
    }

    /** Intact commitment data of other weights: internally consistent, but not what the verifier key commits to. */
    @Test
    void rejectsCommitmentDataOfOtherWeights() {
        ProverKey key = ProofFixtures.key(SMALL);
        long[] other = key.weightPolynomials()[0].clone();
        other[0] = Goldilocks.add(other[0], 1);
        List<BasefoldProverData> data = new ArrayList<>(key.weightData());
        data.set(0, BasefoldProver.commit(key.verifierKey().params(), other));
        ProverKey swapped = new ProverKey(key.model(), key.verifierKey(), key.weightBlocks(), key.weightPolynomials(),
                data);
        assertRejected(swapped.toBytes(), "weight polynomial 0", "not the verifier key's");
    }

    @Test
    void rejectsAModelThatIsNotTheVerifierKeys() {
        ProverKey mlp = ProofFixtures.key(SMALL);
        ProverKey other = ProofFixtures.key("ezkl/1l_linear");
        byte[] bytes = mlp.toBytes();
        int vkStart = 4 + 1 + 4;
        int vkLength = u32(bytes, vkStart);
        byte[] otherVk = other.verifierKey().toBytes();
        byte[] mixed = concat(Arrays.copyOf(bytes, vkStart), le(otherVk.length), otherVk,
                Arrays.copyOfRange(bytes, vkStart + 4 + vkLength, bytes.length));
        assertRejected(mixed, "model is not the one its verifier key was made for");
    }

    @Test
    void rejectsTruncatedExtendedAndOldVersionKeys() {
        byte[] bytes = ProofFixtures.key(SMALL).toBytes();
        for (int n = 0; n < bytes.length; n += Math.max(1, bytes.length / 61)) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(MalformedProofException.class, () -> ProverKey.fromBytes(cut), "length " + n);
        }
        assertRejected(Arrays.copyOf(bytes, bytes.length + 1), "trailing");
        byte[] old = bytes.clone();
        old[4] = 1;
        assertRejected(old, "version 1 is not supported");
    }

    private static void assertRejected(byte[] key, String... messageParts) {
        MalformedProofException e = assertThrows(MalformedProofException.class, () -> ProverKey.fromBytes(key));
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    /** Offset of weight polynomial {@code p}'s saved data: after the header, the count and the length-prefixed sections. */
    private static int dataStart(byte[] key, int p) {
        int at = 4 + 1 + 4;
        for (int section = 0; section < 2 + p; section++) {
            at += 4 + u32(key, at);
        }
        return at + 4;
    }

    /** Replaces the field element at {@code at} by its successor, so that it stays canonical. */
    private static void addOne(byte[] bytes, int at) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(at, Goldilocks.add(b.getLong(at), 1));
    }

    private static int u32(byte[] bytes, int at) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
