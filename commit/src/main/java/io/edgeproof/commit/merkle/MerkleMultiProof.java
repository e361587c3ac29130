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

    /** Row word count, rows, salt byte count, salts, sibling count, siblings. */
    public void write(ProofWriter w) {
        w.u32(rows.length).bases(rows).u32(salts.length).bytes(salts);
        w.u32(siblingCount()).bytes(siblings);
    }

    /**
     * Reads an opening of an unsalted tree of extension rows whose sender left out some entries (3 words
     * each) that the reader fills in before verifying: at most {@code maxLeaves} rows' words, whole entries.
     */
    public static MerkleMultiProof readPartialRows(ProofReader r, MerkleShape shape, int maxLeaves)
            throws MalformedProofException {
        if (shape.saltBytes() != 0 || shape.rowLongs() % 3 != 0) {
            throw new IllegalArgumentException("partial rows are for unsalted extension rows");
        }
        int maxWords = Math.multiplyExact(Math.min(maxLeaves, shape.numLeaves()), shape.rowLongs());
        int words = r.count("Merkle row words", 0, maxWords);
        if (words % 3 != 0) {
            throw new MalformedProofException("Merkle opening has " + words + " words, not whole extension values");
        }
        long[] rows = r.bases("Merkle leaf row", words);
        r.count("Merkle salt bytes", 0, 0);
        int siblings = r.count("Merkle sibling count", 0, Math.multiplyExact(Math.min(maxLeaves, shape.numLeaves()),
                shape.depth()));
        return new MerkleMultiProof(rows, new byte[0], r.bytes("Merkle sibling", siblings * Hasher.DIGEST_BYTES));
    }

    /**
     * Reads an opening of 1 to {@code maxLeaves} leaves of a tree of this shape. Every count is checked
     * against the shape (whole rows, matching salts, no more siblings than so many leaves could need)
     * before anything is allocated.
     */
    public static MerkleMultiProof read(ProofReader r, MerkleShape shape, int maxLeaves) throws MalformedProofException {
        int maxWords = Math.multiplyExact(Math.min(maxLeaves, shape.numLeaves()), shape.rowLongs());
        int words = r.count("Merkle row words", shape.rowLongs(), maxWords);
        if (words % shape.rowLongs() != 0) {
            throw new MalformedProofException("Merkle opening has " + words + " words, not whole rows of " + shape.rowLongs());
        }
        int leaves = words / shape.rowLongs();
        long[] rows = r.bases("Merkle leaf row", words);
        int saltLength = leaves * shape.saltBytes();
        r.count("Merkle salt bytes", saltLength, saltLength);
        byte[] salts = r.bytes("Merkle leaf salt", saltLength);
        int siblings = r.count("Merkle sibling count", 0, Math.multiplyExact(leaves, shape.depth()));
        return new MerkleMultiProof(rows, salts, r.bytes("Merkle sibling", siblings * Hasher.DIGEST_BYTES));
    }
}
