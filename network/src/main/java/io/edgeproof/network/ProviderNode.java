package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import io.edgeproof.zkml.zk.ZkProofOutput;
import io.edgeproof.zkml.zk.ZkProver;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * A provider: stakes, offers its resources, heartbeats, and for each assignment fetches model and input
 * by hash, checks both (hashes, the device's signature over the input's digest, the model id), runs the
 * model and proves it under {@link JobContext} (chain, job, its own address). It talks to the network only
 * through a {@link GatewayPort}; its prover keys come from a {@link ModelKeys} cache.
 */
public final class ProviderNode {
    private final Secp256k1Key key;
    private final Address address;
    private final ModelKeys keys;
    private final Behaviour behaviour;

    public ProviderNode(Secp256k1Key key, ModelKeys keys, Behaviour behaviour) {
        this.key = key;
        this.address = Address.ofPublicKey(key.publicKey());
        this.keys = keys;
        this.behaviour = behaviour;
    }

    public Address address() {
        return address;
    }

    public Behaviour behaviour() {
        return behaviour;
    }

    /** 65 bytes: what the networked node will sign its API requests with. */
    public byte[] publicKey() {
        return key.publicKey();
    }

    public void join(GatewayPort gateway, long stake, NodeResources resources) {
        gateway.registerNode(address, stake, resources);
    }

    public void heartbeat(GatewayPort gateway) {
        gateway.heartbeat(address);
    }

    /** Proves one assignment (honestly, or as its {@link Behaviour} says); does not submit. */
    public JobResult work(Assignment a, GatewayPort gateway) {
        if (a.hidden() != null) {
            return workHidden(a, gateway);
        }
        Optional<String> problem = Optional.empty();
        ProverKey pk = null;
        int[] input = null;
        try {
            byte[] modelBytes = fetchChecked(gateway, a.modelContent());
            pk = keys.forModel(a.modelContent(), modelBytes);
            input = InputBytes.decode(fetchChecked(gateway, a.inputContent()));
            problem = check(a, pk, input, gateway);
        } catch (NetworkException e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isPresent()) {
            return new JobResult.Refused(a.jobId(), address, problem.get());
        }
        return proveAsBehaved(a, new PublicProver(pk, input));
    }

    /** The honest proof under {@code JobContext(chain, job, this node)}, or the behaviour's forgery on this job. */
    private JobResult.Proved proveAsBehaved(Assignment a, Forgery.JobProver prover) {
        JobContext context = new JobContext(a.chainId(), a.jobId(), address);
        Optional<Forgery> forgery = behaviour.on(a.jobId());
        if (forgery.isPresent()) {
            return forgery.get().forge(prover, context);
        }
        Forgery.Claim claim = prover.prove(context);
        return new JobResult.Proved(a.jobId(), address, claim.proof(), claim.outputs());
    }

    /** Proves a public input in the clear; "another input" has its first value changed. */
    private record PublicProver(ProverKey key, int[] input) implements Forgery.JobProver {
        @Override
        public Forgery.Claim prove(JobContext context) {
            return claim(ZkmlProver.prove(key, input, 1, context.toBytes()));
        }

        @Override
        public Forgery.Claim proveOther(JobContext context) {
            int[] other = input.clone();
            other[0] = other[0] == Short.MAX_VALUE ? 0 : Short.MAX_VALUE;
            return claim(ZkmlProver.prove(key, other, 1, context.toBytes()));
        }

        private static Forgery.Claim claim(ProofOutput out) {
            return new Forgery.Claim(out.proof().toBytes(), out.outputs());
        }
    }

    /**
     * Proves a hidden input in zero knowledge on the assignment's commitment slot; "another input" is the same
     * reading committed under a fresh seed, a commitment the device never signed.
     */
    private record HiddenProver(ProverKey key, HiddenInput hidden, int slot, SealedInput sealed)
            implements Forgery.JobProver {
        @Override
        public Forgery.Claim prove(JobContext context) {
            return claim(ZkProver.prove(key, hidden, slot, context.toBytes(), new SecureRandom()));
        }

        @Override
        public Forgery.Claim proveOther(JobContext context) {
            SecureRandom random = new SecureRandom();
            SealedInput other = new SealedInput(sealed.reading(), HiddenInput.freshSeed(random), sealed.proofs());
            return claim(ZkProver.prove(key, other.commit(InputLayout.of(key.verifierKey())), slot, context.toBytes(),
                    random));
        }

        private static Forgery.Claim claim(ZkProofOutput out) {
            return new Forgery.Claim(out.proof().toBytes(), out.outputs());
        }
    }

    /**
     * A hidden input: fetches the sealed input (only this node may), re-derives the commitment from the raw
     * reading and seed, checks it is the one the device signed, and proves in zero knowledge on the
     * assignment's commitment slot (or forges, as its behaviour says).
     */
    private JobResult workHidden(Assignment a, GatewayPort gateway) {
        try {
            ProverKey pk = keys.forModel(a.modelContent(), fetchChecked(gateway, a.modelContent()));
            byte[] sealedBytes = gateway.fetchSealedInput(address, a.jobId());
            if (!a.inputContent().names(sealedBytes)) {
                throw new NetworkException("the sealed input does not hash to " + a.inputContent());
            }
            SealedInput sealed = SealedInput.fromBytes(sealedBytes);
            Optional<String> problem = checkModel(a, pk, sealed.reading().length);
            if (problem.isPresent()) {
                return new JobResult.Refused(a.jobId(), address, problem.get());
            }
            HiddenInput hidden = sealed.commit(InputLayout.of(pk.verifierKey()));
            byte[] commitment = hidden.commitment().toBytes();
            problem = checkReading(a, InputDigest.ofCommitment(commitment), gateway);
            if (problem.isEmpty() && !Arrays.equals(commitment, a.hidden().commitment())) {
                problem = Optional.of("the sealed input makes another commitment than the assignment names");
            }
            if (problem.isEmpty() && a.hidden().slot() >= sealed.proofs()) {
                problem = Optional.of("the input commitment takes " + sealed.proofs() + " proofs; attempt "
                        + (a.hidden().slot() + 1) + " would reuse a slot and reveal part of the input");
            }
            if (problem.isPresent()) {
                return new JobResult.Refused(a.jobId(), address, problem.get());
            }
            return proveAsBehaved(a, new HiddenProver(pk, hidden, a.hidden().slot(), sealed));
        } catch (NetworkException | LedgerException | IllegalArgumentException e) {
            return new JobResult.Refused(a.jobId(), address, e.getMessage());
        }
    }

    private static byte[] fetchChecked(GatewayPort gateway, ContentHash hash) {
        byte[] b = gateway.fetch(hash);
        if (!hash.names(b)) {
            throw new NetworkException("fetched bytes do not hash to " + hash);
        }
        return b;
    }

    /** Why the node will not prove this assignment, if it should not. */
    private static Optional<String> check(Assignment a, ProverKey pk, int[] input, GatewayPort gateway) {
        Optional<String> problem = checkModel(a, pk, input.length);
        if (problem.isPresent() || a.reading() == null) {
            return problem; // a public input: its content hash was checked, the ledger checks its digest
        }
        return checkReading(a, InputDigest.of(input), gateway);
    }

    private static Optional<String> checkModel(Assignment a, ProverKey pk, int inputLength) {
        if (!new ModelId(pk.verifierKey().modelId()).equals(a.model())) {
            return Optional.of("the fetched model sets up as " + pk.verifierKey().modelIdHex() + ", not " + a.model());
        }
        if (inputLength != pk.verifierKey().inputSize()) {
            return Optional.of("the input has " + inputLength + " values, the model takes " + pk.verifierKey().inputSize());
        }
        return Optional.empty();
    }

    /** The device signed {@code digest} (of the raw reading, or of the hidden input's commitment). */
    private static Optional<String> checkReading(Assignment a, byte[] digest, GatewayPort gateway) {
        SignedReading r = a.reading();
        if (!Arrays.equals(digest, r.reading().readingHash())) {
            return Optional.of("the input is not the one " + r.reading().deviceId() + " signed");
        }
        if (!r.isSignedBy(gateway.devicePublicKey(r.reading().deviceId()))) {
            return Optional.of("the reading's signature does not verify under " + r.reading().deviceId() + "'s key");
        }
        return Optional.empty();
    }
}
