package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.network.Assignment;
import io.edgeproof.network.Behaviour;
import io.edgeproof.network.Forgery;
import io.edgeproof.network.GatewayPort;
import io.edgeproof.network.JobResult;
import io.edgeproof.network.NetworkException;
import io.edgeproof.network.ProviderNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * A provider node of the network bench: a real {@link ProviderNode} (key, behaviour) that may be down for a
 * stretch of rounds, and whose proofs come from the {@link ProofBank} when an earlier run made them. On a
 * miss the node does the whole {@link ProviderNode#work} (fetch, checks, prove or forge) and banks the
 * result. On a hit it still fetches the input by hash and checks it, and submits the banked proof, which the
 * ledger verifies like any other; it skips its own device-signature check (the ledger checked the reading
 * at intake) and the proving.
 */
final class BenchNode {
    private static final byte[] KEY_TAG = "edgeproof/network-bench/submission/v1".getBytes(StandardCharsets.US_ASCII);

    private final ProviderNode node;
    private final int index;
    private final int downFrom;
    private final int downUntil;

    /** Down in rounds [downFrom, downUntil); {@code downFrom} = -1 for a node that never goes down. */
    BenchNode(ProviderNode node, int index, int downFrom, int downUntil) {
        this.node = node;
        this.index = index;
        this.downFrom = downFrom;
        this.downUntil = downUntil;
    }

    ProviderNode node() {
        return node;
    }

    Address address() {
        return node.address();
    }

    int index() {
        return index;
    }

    boolean dishonest() {
        return !(node.behaviour() instanceof Behaviour.Honest);
    }

    boolean goesOffline() {
        return downFrom >= 0;
    }

    boolean down(int round) {
        return round >= downFrom && round < downUntil;
    }

    /** The first round after its outage: the restarted node drops what it held and heartbeats at once. */
    boolean restarting(int round) {
        return goesOffline() && round == downUntil;
    }

    /** What this node submits for {@code a}: from the bank, or worked out now and banked. */
    Outcome work(Assignment a, GatewayPort gateway, ProofBank bank, byte[] verifierKeyDigest) {
        byte[] input = gateway.fetch(a.inputContent());
        if (!a.inputContent().names(input)) {
            throw new NetworkException("fetched input does not hash to " + a.inputContent());
        }
        Optional<Forgery> forgery = node.behaviour().on(a.jobId());
        byte[] key = submissionKey(verifierKeyDigest, new JobContext(a.chainId(), a.jobId(), address()), input, forgery);
        Optional<JobResult.Proved> banked = bank.find(key, a.jobId(), address());
        if (banked.isPresent()) {
            return new Outcome(banked.get(), false);
        }
        JobResult r = node.work(a, gateway);
        if (r instanceof JobResult.Proved p) {
            bank.put(key, p);
        }
        return new Outcome(r, true);
    }

    /** A node's result and whether it was proved in this run. */
    record Outcome(JobResult result, boolean provedNow) {}

    /**
     * SHA-256 over everything a submission depends on: the verifier key (model, circuit, parameters), the
     * proof context (chain, job, node), the input bytes and the forgery the node commits (or none).
     */
    static byte[] submissionKey(byte[] verifierKeyDigest, JobContext context, byte[] inputBytes,
                                Optional<Forgery> forgery) {
        try {
            MessageDigest h = MessageDigest.getInstance("SHA-256");
            h.update(KEY_TAG);
            h.update(verifierKeyDigest);
            h.update(context.toBytes());
            h.update(inputBytes);
            h.update((byte) forgery.map(f -> f.ordinal()).orElse(0xFF).intValue());
            return h.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
