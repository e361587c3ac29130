package io.edgeproof.commit.merkle;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;

/**
 * An opening of several leaves of one tree: the opened rows and their salts in increasing index order,
 * and every sibling digest the verifier cannot compute itself, each sent once, level by level from the
 * leaves up and by increasing index within a level. The indices themselves are not sent: the verifier
 * derives them (from its transcript).
 *
 * @param rows     the opened rows, concatenated (rowLongs words each)
 * @param salts    the opened leaves' salts, concatenated (empty for an unsalted tree)
 * @param siblings the needed sibling digests, 32 bytes each
 */
public record MerkleMultiProof(long[] rows, byte[] salts, byte[] siblings) {
    public MerkleMultiProof {
        if (rows == null || salts == null || siblings == null || siblings.length % Hasher.DIGEST_BYTES != 0) {
            throw new IllegalArgumentException("malformed Merkle multi-proof");
        }
    }

    public int siblingCount() {
        return siblings.length / Hasher.DIGEST_BYTES;
    }

    /** Row {@code i} of the opening (i-th smallest index). */
    public long[] row(int i, int rowLongs) {
        long[] out = new long[rowLongs];
        System.arraycopy(rows, i * rowLongs, out, 0, rowLongs);
        return out;
    }

    /** Leaf count, rows, salts, sibling count, siblings. */
    public void write(ProofWriter w, MerkleShape shape) {
        w.u32(rows.length / shape.rowLongs()).bases(rows).bytes(salts);
        w.u32(siblingCount()).bytes(siblings);
    }

    /**
     * Reads an opening of at most {@code maxLeaves} leaves of a tree of this shape; the sibling count is
     * bounded by what so many leaves could ever need, before anything is allocated.
     */
    public static MerkleMultiProof read(ProofReader r, MerkleShape shape, int maxLeaves) throws MalformedProofException {
        int leaves = r.count("Merkle opened leaves", 1, Math.min(maxLeaves, shape.numLeaves()));
        long[] rows = r.bases("Merkle leaf row", Math.multiplyExact(leaves, shape.rowLongs()));
        byte[] salts = r.bytes("Merkle leaf salt", leaves * shape.saltBytes());
        int maxSiblings = Math.multiplyExact(leaves, shape.depth());
        int siblings = r.count("Merkle sibling count", 0, maxSiblings);
        return new MerkleMultiProof(rows, salts, r.bytes("Merkle sibling", siblings * Hasher.DIGEST_BYTES));
    }
}
