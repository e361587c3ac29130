package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared models, their keys in both modes (once per JVM), seeded randomness and int16 inputs. */
final class ZkFixtures {
    /** Fast and insecure (few queries, no grinding): the protocol's logic, not its security, is under test. */
    static final BasefoldParams PARAMS = BasefoldParams.insecureForTests(2, 3, 3, 10);
    static final int BUDGET = 6;
    private static final Map<String, QuantizedModel> MODELS = new HashMap<>();
    private static final Map<String, ProverKey> PUBLIC = new HashMap<>();
    private static final Map<String, byte[]> HIDDEN = new HashMap<>();

    private ZkFixtures() {}

    static synchronized QuantizedModel model(String name) {
        return MODELS.computeIfAbsent(name, n -> ModelFiles.load(SharedModels.model(n)));
    }

    /** A public-mode key (public weights). */
    static synchronized ProverKey publicKey(String name) {
        return PUBLIC.computeIfAbsent(name, n -> ZkmlProver.setup(model(n), PARAMS));
    }

    /** A fresh copy of a hidden-weight key (each test spends its own slots). */
    static ZkProverKey hiddenKey(String name) {
        byte[] bytes;
        synchronized (ZkFixtures.class) {
            bytes = HIDDEN.computeIfAbsent(name, n -> ZkProver.setup(model(n), PARAMS, BUDGET, random(1)).toBytes());
        }
        try {
            return ZkProverKey.fromBytes(bytes);
        } catch (io.edgeproof.field.codec.MalformedProofException e) {
            throw new IllegalStateException(e);
        }
    }

    static SecureRandom random(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uniform int16 values, a quarter of them small so that Relu and clamp see both signs. */
    static int[] input(int size, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] x = new int[batch * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(-300, 300) : rnd.nextInt(-32768, 32768);
        }
        return x;
    }

    static byte[] seed(int b) {
        byte[] s = new byte[HiddenInput.seedBytes()];
        s[0] = (byte) b;
        return s;
    }

    static byte[] context(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
