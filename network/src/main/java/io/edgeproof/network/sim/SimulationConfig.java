package io.edgeproof.network.sim;

import java.nio.file.Path;

/**
 * One in-process network run.
 *
 * @param nodes   provider nodes (one of them dishonest)
 * @param jobs    jobs the requester posts, one per camera frame
 * @param hiddenShare share of the frames the cameras hide (commit and sign the commitment; proved in zero
 *                knowledge), spread evenly over the run: frame k is hidden when floor((k + 1) s) > floor(k s);
 *                0 hides none, the default 1/4 every frame of the fourth camera
 * @param seed    fixes keys, frames, the cheater and its forgeries
 * @param model   the model's network.onnx
 * @param frames  a dataset of float frames ({"inputs": [[...]], "labels": [...]}) the cameras read from
 * @param threads nodes prove on this many threads
 * @param ledger  where the run settles (a fresh ledger)
 */
public record SimulationConfig(int nodes, int jobs, double hiddenShare, long seed, Path model, Path frames, int threads,
                               LedgerBackend ledger) {
    public static final long CHAIN_ID = 31_337;
    public static final long START = 1_800_000_000L;
    public static final long PRICE = 100;
    public static final long STAKE = 10_000;
    /** Simulated seconds per round: post, heartbeat, dispatch, prove, settle, tick. */
    public static final long ROUND_SECONDS = 15;
    /** Seconds a requester gives each job. */
    public static final long JOB_LIFETIME = 600;
    /** Share of its jobs the dishonest node cheats on. */
    public static final double CHEAT_RATE = 0.5;
    /** Meter cameras signing frames. */
    public static final int CAMERAS = 4;
    /**
     * The cameras' resolution: a frame's pixels are k/16, read as raw integers k in 0..16; the model is
     * compiled with this raw scale, so a signed raw frame is the proof's input as it is.
     */
    public static final double CAMERA_RESOLUTION = 0.0625;
    /** The demo's default share of hidden frames: 1 in 4. */
    public static final double DEFAULT_HIDDEN_SHARE = 0.25;
    /**
     * Proofs a hidden frame's commitment takes: one per attempt (the cheater's, then an honest node's), with
     * room for more reassignments.
     */
    public static final int HIDDEN_PROOFS = 4;

    public SimulationConfig {
        if (nodes < 1 || jobs < 0 || threads < 1) {
            throw new IllegalArgumentException("at least one node and one thread, and no negative job count");
        }
        if (!(hiddenShare >= 0 && hiddenShare <= 1)) {
            throw new IllegalArgumentException("the hidden share is in [0, 1], not " + hiddenShare);
        }
    }

    /** Whether the {@code k}-th frame posted (from 0) is hidden. */
    public boolean hides(int k) {
        return Math.floor((k + 1) * hiddenShare) > Math.floor(k * hiddenShare);
    }

    /** A run on the embedded ledger in {@code ledgerFile} (created; must not exist). */
    public SimulationConfig(int nodes, int jobs, double hiddenShare, long seed, Path model, Path frames, int threads,
                            Path ledgerFile) {
        this(nodes, jobs, hiddenShare, seed, model, frames, threads, LedgerBackend.embedded(ledgerFile));
    }
}
