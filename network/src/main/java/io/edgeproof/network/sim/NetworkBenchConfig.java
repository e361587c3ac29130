package io.edgeproof.network.sim;

import java.nio.file.Path;

/**
 * One network bench run.
 *
 * @param nodes          provider nodes, one core each
 * @param jobs           jobs the requester posts through the gateway
 * @param seed           fixes keys, readings, which nodes cheat or go offline, and when
 * @param model          the model's network.onnx
 * @param workDir        where the run's ledgers are written (created; its ledger files are replaced)
 * @param proofCache     the {@link ProofBank} directory: proofs made by an earlier run with the same seed are taken from it
 * @param submitThreads  threads on which nodes' results are submitted to the gateway at once
 * @param dishonestShare share of nodes that cheat on half their jobs
 * @param offlineShare   share of nodes that go silent for {@link #OFFLINE_ROUNDS} rounds once
 */
public record NetworkBenchConfig(int nodes, int jobs, long seed, Path model, Path workDir, Path proofCache,
                                 int submitThreads, double dishonestShare, double offlineShare) {
    public static final long CHAIN_ID = 31_337;
    public static final long START = 1_800_000_000L;
    /** Simulated seconds per round: post, heartbeat, dispatch, work, settle, tick. */
    public static final long ROUND_SECONDS = 15;
    /** Nodes heartbeat every other round (30 s), inside the 60 s timeout. */
    public static final int HEARTBEAT_EVERY = 2;
    /** A silent node stays down this long (90 s): longer than the heartbeat timeout, so it is found offline. */
    public static final int OFFLINE_ROUNDS = 6;
    /** Seconds a requester gives each job: room for an offline node's job to be found and done again. */
    public static final long JOB_LIFETIME = 1_200;
    /** Sensors signing the readings the jobs run on. */
    public static final int SENSORS = 16;
    /** Share of its jobs a dishonest node cheats on. */
    public static final double CHEAT_RATE = 0.5;

    public NetworkBenchConfig {
        if (nodes < 2 || jobs < 1 || submitThreads < 1) {
            throw new IllegalArgumentException("at least 2 nodes, 1 job and 1 submit thread");
        }
        if (!(dishonestShare >= 0 && offlineShare >= 0 && dishonestShare + offlineShare <= 0.5)) {
            throw new IllegalArgumentException("dishonest and offline shares are >= 0 and together at most 0.5");
        }
    }

    public int dishonestNodes() {
        return (int) Math.ceil(nodes * dishonestShare);
    }

    public int offlineNodes() {
        return (int) Math.ceil(nodes * offlineShare);
    }
}
