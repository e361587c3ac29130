package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * What the prover keeps after committing: the evaluation table, its codeword (bit-reversed, base field)
 * and the Merkle tree over the codeword's cosets. Large (about 2^logBlowup + 1 times the table plus the
 * tree); never sent anywhere, but it can be saved ({@link #toBytes()}) so that a prover reloads committed
 * data, e.g. model weights, without re-encoding it.
 */
public final class BasefoldProverData {
    static final int MAGIC = 0x4442_5045; // "EPBD" little-endian
    static final int VERSION = 1;
    /** Codeword positions checked against the table on loading (one Horner pass evaluates four). */
    private static final int SPOT_CHECKS = 4;

    private final BasefoldCommitment commitment;
    private final long[] table;
    private final long[] codeword;
    private final MerkleTree tree;
    private final boolean extension;

    BasefoldProverData(BasefoldCommitment commitment, long[] table, long[] codeword, MerkleTree tree) {
        this(commitment, table, codeword, tree, false);
    }

    /** With {@code extension}, table and codeword are interleaved extension vectors (the hiding mask). */
    BasefoldProverData(BasefoldCommitment commitment, long[] table, long[] codeword, MerkleTree tree, boolean extension) {
        this.commitment = commitment;
        this.table = table;
        this.codeword = codeword;
        this.tree = tree;
        this.extension = extension;
    }

    public BasefoldCommitment commitment() {
        return commitment;
    }

    public int numVariables() {
        return commitment.numVariables();
    }

    /** The committed evaluation table (not copied: callers must not modify it). */
    long[] table() {
        return table;
    }

    long[] codeword() {
        return codeword;
    }

    boolean extension() {
        return extension;
    }

    MerkleTree tree() {
        return tree;
    }

    /**
     * The table, the codeword and the root (plain commitments only). Loading rebuilds the tree from the
     * codeword: hashing it costs a few times less than encoding, and it checks the codeword against the root.
     */
    public byte[] toBytes() {
        if (extension || tree.shape().saltBytes() != 0) {
            throw new IllegalStateException("only plain (unsalted, base-field) commitment data can be saved");
        }
        long words = (long) table.length + codeword.length;
        ProofWriter head = new ProofWriter().header(MAGIC, VERSION).u8(numVariables())
                .u8(codeword.length / table.length).bytes(commitment.root());
        if (head.size() + 8 * words > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("2^" + numVariables() + " evaluations are too many for one byte array");
        }
        byte[] out = new byte[head.size() + (int) (8 * words)];
        System.arraycopy(head.toByteArray(), 0, out, 0, head.size());
        ByteBuffer.wrap(out, head.size(), (int) (8 * words)).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .put(table).put(codeword);
        return out;
    }

    /**
     * Loads what {@link #toBytes()} wrote for these parameters. Rejects, with {@link MalformedProofException},
     * any other length, non-canonical elements, a codeword whose tree has another root, and a table that
     * disagrees with the codeword at a few positions (a corrupted table; derived from the root, so they are
     * fixed per commitment). The caller still has to compare {@link #commitment()} with the one it expects.
     */
    public static BasefoldProverData fromBytes(byte[] bytes, BasefoldParams params) throws MalformedProofException {
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "Basefold prover data");
        int n = r.u8("number of variables");
        if (n > BasefoldParams.MAX_VARIABLES) {
            throw new MalformedProofException("prover data with " + n + " variables (at most "
                    + BasefoldParams.MAX_VARIABLES + ")");
        }
        int blowup = r.u8("blowup");
        if (blowup != 1 << params.logBlowup()) {
            throw new MalformedProofException("prover data at blowup " + blowup + ", the parameters use "
                    + (1 << params.logBlowup()));
        }
        byte[] root = r.bytes("root", Hasher.DIGEST_BYTES);
        long words = (1L << n) * (1 + blowup);
        if (r.remaining() != 8 * words) {
            throw new MalformedProofException("prover data of 2^" + n + " evaluations needs " + 8 * words
                    + " bytes of elements, found " + r.remaining());
        }
        long[] table = new long[1 << n];
        long[] codeword = new long[blowup << n];
        ByteBuffer.wrap(bytes, r.position(), (int) (8 * words)).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer()
                .get(table).get(codeword);
        requireCanonical(table, "table");
        requireCanonical(codeword, "codeword");
        MerkleTree tree = MerkleTree.build(codeword, 1 << FoldingSchedule.leafArity(params, n), params.hash());
        if (!MessageDigest.isEqual(tree.root(), root)) {
            throw new MalformedProofException("prover data: the codeword's Merkle root differs from the stored root");
        }
        spotCheck(table, codeword, root);
        return new BasefoldProverData(new BasefoldCommitment(root, n), table, codeword, tree);
    }

    private static void requireCanonical(long[] v, String what) throws MalformedProofException {
        boolean[] bad = new boolean[1];
        Parallel.forRange(v.length, 1 << 14, (from, to) -> {
            long or = 0;
            for (int i = from; i < to; i++) {
                or |= Goldilocks.isCanonical(v[i]) ? 0 : 1;
            }
            if (or != 0) {
                bad[0] = true;
            }
        });
        if (bad[0]) {
            throw new MalformedProofException("prover data: non-canonical field element in the " + what);
        }
    }

    /**
     * Compares a few codeword positions with the encoding of the table there: a table that is not the
     * codeword's differs, as a polynomial of degree < 2^n, on at least 1 - 2^-logBlowup of the domain.
     */
    private static void spotCheck(long[] table, long[] codeword, byte[] root) throws MalformedProofException {
        int logLength = Integer.numberOfTrailingZeros(codeword.length);
        long[] coefficients = table.clone();
        Encoding.moebius(coefficients);
        long[] x = new long[SPOT_CHECKS];
        int[] positions = new int[SPOT_CHECKS];
        for (int k = 0; k < SPOT_CHECKS; k++) {
            positions[k] = (int) (ByteBuffer.wrap(root, 4 * k, 4).getInt() & ((1L << logLength) - 1));
            x[k] = CodewordFolding.point(logLength, positions[k]);
        }
        long[] values = Encoding.evaluateBaseUnivariate4(coefficients, x);
        for (int k = 0; k < SPOT_CHECKS; k++) {
            if (values[k] != codeword[positions[k]]) {
                throw new MalformedProofException("prover data: the table does not encode to the codeword at position "
                        + positions[k]);
            }
        }
    }
}
