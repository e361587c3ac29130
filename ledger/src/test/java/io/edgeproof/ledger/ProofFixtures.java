package io.edgeproof.ledger;

import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Real models and proofs for ledger tests: keys are set up once per JVM, proofs made under job contexts. */
public final class ProofFixtures {
    private static final Map<String, ProverKey> KEYS = new HashMap<>();

    private ProofFixtures() {}

    /** A proof as a node submits it: the bytes and the outputs the node claims. */
    public record Submission(byte[] proof, int[] outputs) {}

    /** ../shared/models/NAME/network.onnx, found by walking up from the working directory. */
    public static Path model(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("models").resolve(name).resolve("network.onnx");
            if (p.getParent() != null && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ../shared/models/" + name + " above the working directory");
    }

    public static synchronized ProverKey key(String name) {
        return KEYS.computeIfAbsent(name, n -> ZkmlProver.setup(ModelFiles.compile(model(n), null).model()));
    }

    /** A seeded int16 input for the key's model, small enough that nothing saturates. */
    public static int[] input(ProverKey key, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] x = new int[key.verifierKey().inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(-300, 300);
        }
        return x;
    }

    public static Submission prove(ProverKey key, int[] input, byte[] context) {
        ProofOutput out = ZkmlProver.prove(key, input, 1, context);
        return new Submission(out.proof().toBytes(), out.outputs());
    }

    /** The honest submission for a job: proved under (chain, job, node). */
    public static Submission prove(ProverKey key, int[] input, long chainId, long jobId, Address node) {
        return prove(key, input, new JobContext(chainId, jobId, node).toBytes());
    }

    /** A deterministic key for a test actor. */
    public static Secp256k1Key actorKey(String name) {
        try {
            return Secp256k1Key.fromSecret(MessageDigest.getInstance("SHA-256")
                    .digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Address actor(String name) {
        return Address.ofPublicKey(actorKey(name).publicKey());
    }
}
