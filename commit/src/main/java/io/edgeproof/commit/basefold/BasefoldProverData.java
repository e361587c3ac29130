package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleTree;

/**
 * What the prover keeps after committing: the evaluation table, its codeword (bit-reversed, base field)
 * and the Merkle tree over the codeword's cosets. Large (about 2^logBlowup + 1 times the table plus the
 * tree); never sent anywhere.
 */
public final class BasefoldProverData {
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
}
