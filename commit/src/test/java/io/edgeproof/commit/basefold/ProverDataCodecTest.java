package io.edgeproof.commit.basefold;

import static io.edgeproof.commit.basefold.BasefoldTestSupport.instance;
import static io.edgeproof.commit.basefold.BasefoldTestSupport.prove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.basefold.BasefoldTestSupport.Instance;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Saving and reloading prover data: the same proofs afterwards, and every corrupted file rejected. */
class ProverDataCodecTest {
    private static final BasefoldParams P = BasefoldParams.insecureForTests(2, 2, 1, 6);
    /** magic, version, n, blowup, root */
    private static final int HEADER = 4 + 1 + 1 + 1 + 32;

    private static BasefoldProverData load(byte[] bytes) throws MalformedProofException {
        return BasefoldProverData.fromBytes(bytes, P);
    }

    private static void assertMalformed(byte[] bytes) {
        assertThatThrownBy(() -> load(bytes)).isInstanceOf(MalformedProofException.class);
    }

    private static byte[] saved(int n) {
        return instance(P, new int[] {n}, new int[] {1}, 40 + n).data().get(0).toBytes();
    }

    /** Overwrites the element at word {@code index} after the header. */
    private static byte[] withWord(byte[] bytes, int index, long value) {
        byte[] out = bytes.clone();
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(HEADER + 8 * index, value);
        return out;
    }

    @Test
    void reloadedDataOpensToTheSameProofForEdgeSizes() throws Exception {
        for (int n : new int[] {0, 1, 2, 5, 8}) {
            Instance in = instance(P, new int[] {n, Math.max(0, n - 1)}, new int[] {1, 2}, n);
            byte[] proof = prove(P, in).toBytes();
            List<BasefoldProverData> reloaded = in.data().stream().map(d -> {
                try {
                    return load(d.toBytes());
                } catch (MalformedProofException e) {
                    throw new AssertionError(e);
                }
            }).toList();
            for (int i = 0; i < reloaded.size(); i++) {
                assertThat(reloaded.get(i).commitment()).isEqualTo(in.data().get(i).commitment());
                assertThat(reloaded.get(i).toBytes()).isEqualTo(in.data().get(i).toBytes());
            }
            Instance again = new Instance(reloaded, in.commitments(), in.claims());
            assertThat(prove(P, again).toBytes()).as("n = %d", n).isEqualTo(proof);
        }
    }

    @Test
    void rejectsEveryTruncationAndTrailingBytes() {
        byte[] bytes = saved(3);
        for (int cut = 0; cut < bytes.length; cut++) {
            assertMalformed(Arrays.copyOf(bytes, cut));
        }
        assertMalformed(Arrays.copyOf(bytes, bytes.length + 1));
    }

    @Test
    void rejectsWrongMagicVersionSizeAndBlowup() {
        byte[] bytes = saved(3);
        for (int at : new int[] {0, 4, 5, 6}) {
            byte[] bad = bytes.clone();
            bad[at] ^= 1;
            assertMalformed(bad);
        }
        byte[] huge = bytes.clone();
        huge[5] = (byte) (BasefoldParams.MAX_VARIABLES + 1);
        assertMalformed(huge);
        assertThatThrownBy(() -> BasefoldProverData.fromBytes(bytes, BasefoldParams.insecureForTests(1, 2, 1, 6)))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("blowup");
    }

    @Test
    void rejectsNonCanonicalElements() {
        byte[] bytes = saved(3);
        assertMalformed(withWord(bytes, 0, Goldilocks.P));
        assertMalformed(withWord(bytes, 8 + 5, -1L));
    }

    @Test
    void rejectsACodewordThatDoesNotHashToTheStoredRoot() {
        byte[] bytes = saved(4);
        for (int pos : new int[] {0, 17, 63}) {
            assertThatThrownBy(() -> load(withWord(bytes, 16 + pos, 7)))
                    .isInstanceOf(MalformedProofException.class).hasMessageContaining("root");
        }
        byte[] root = bytes.clone();
        root[HEADER - 1] ^= 1;
        assertThatThrownBy(() -> load(root)).isInstanceOf(MalformedProofException.class).hasMessageContaining("root");
    }

    @Test
    void rejectsATableThatDoesNotEncodeToTheCodeword() {
        byte[] bytes = saved(6);
        for (int i : new int[] {0, 1, 33, 63}) {
            long v = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(HEADER + 8 * i);
            assertThatThrownBy(() -> load(withWord(bytes, i, Goldilocks.add(v, 1))))
                    .isInstanceOf(MalformedProofException.class).hasMessageContaining("does not encode");
        }
    }

    @Test
    void refusesToSaveHidingData() {
        HidingProverData hiding = HidingBasefold.commit(P, new long[16], new SecureRandom());
        assertThatThrownBy(() -> hiding.randomised().toBytes()).isInstanceOf(IllegalStateException.class);
    }
}
