package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Named test keys and the small ezkl/1l_mlp model (compiled and set up once per JVM) for the network's tests. */
public final class TestKeys {
    private static byte[] modelBytes;
    private static ProverKey proverKey;

    private TestKeys() {}

    public static Secp256k1Key key(String name) {
        try {
            return Secp256k1Key.fromSecret(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Address address(String name) {
        return Address.ofPublicKey(key(name).publicKey());
    }

    public static synchronized byte[] modelBytes() {
        setUp();
        return modelBytes.clone();
    }

    public static synchronized ProverKey proverKey() {
        setUp();
        return proverKey;
    }

    private static void setUp() {
        if (proverKey == null) {
            var model = SharedModels.rawScaleModel("ezkl/1l_mlp");
            modelBytes = ModelCodec.encode(model);
            proverKey = ZkmlProver.setup(model);
        }
    }

    /** A seeded int16 input of the model's size, small enough that nothing saturates. */
    public static int[] input(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] x = new int[proverKey().verifierKey().inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(-300, 300);
        }
        return x;
    }
}
