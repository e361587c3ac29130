package io.edgeproof.commit.basefold;

/**
 * What the prover keeps after a hiding commitment: the witness table f, the committed randomised
 * polynomial f' (table, codeword, salted tree) and how many more openings its randomness can pay for.
 * Never sent anywhere; the random blocks of f' are as secret as f itself.
 */
public final class HidingProverData {
    private final HidingCommitment commitment;
    private final long[] table;
    private final BasefoldProverData randomised;
    private int openingsLeft;

    HidingProverData(HidingCommitment commitment, long[] table, BasefoldProverData randomised, int openings) {
        this.commitment = commitment;
        this.table = table;
        this.randomised = randomised;
        this.openingsLeft = openings;
    }

    public HidingCommitment commitment() {
        return commitment;
    }

    public int numVariables() {
        return commitment.numVariables();
    }

    /** Openings this commitment may still take part in without revealing more than its randomness hides. */
    public synchronized int openingsLeft() {
        return openingsLeft;
    }

    /** Counts one opening; refuses once the budget chosen at commit time is spent. */
    synchronized void spendOpening() {
        if (openingsLeft == 0) {
            throw new IllegalStateException("this hiding commitment has used up its opening budget: opening it again "
                    + "would reveal more codeword positions than its random blocks hide");
        }
        openingsLeft--;
    }

    /** The witness table f (not copied: callers must not modify it). */
    long[] table() {
        return table;
    }

    BasefoldProverData randomised() {
        return randomised;
    }
}
