package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared models, their keys (setup once per JVM) and seeded int16 inputs. */
final class ProofFixtures {
    private static final Map<String, QuantizedModel> MODELS = new HashMap<>();
    private static final Map<String, ProverKey> KEYS = new HashMap<>();

    private ProofFixtures() {}

    static synchronized QuantizedModel model(String name) {
        return MODELS.computeIfAbsent(name, n -> ModelFiles.load(SharedModels.model(n)));
    }

    static synchronized ProverKey key(String name) {
        return KEYS.computeIfAbsent(name, n -> ZkmlProver.setup(model(n)));
    }

    /** Uniform int16 values, a quarter of them small so that Relu and clamp see both signs and no saturation. */
    static int[] input(ProverKey key, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] x = new int[batch * key.verifierKey().inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(4) == 0 ? rnd.nextInt(-300, 300) : rnd.nextInt(-32768, 32768);
        }
        return x;
    }

    static byte[] context(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
