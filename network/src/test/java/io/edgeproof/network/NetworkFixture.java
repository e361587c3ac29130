package io.edgeproof.network;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * A gateway on a fresh embedded ledger with ezkl/1l_mlp registered (set up once per JVM), a requester with
 * funds and one registered meter; nodes are added by the test.
 */
final class NetworkFixture implements AutoCloseable {
    static final long PRICE = 100;
    static final long STAKE = 10_000;
    private static QuantizedModel model;
    private static byte[] modelBytes;
    private static ProverKey key;

    final ManualClock clock = new ManualClock(1_800_000_000L);
    final EmbeddedLedger ledger;
    final Gateway gateway;
    final ModelKeys keys = new ModelKeys();
    final Address requester = actor("requester");
    final Address owner = actor("owner");
    final Device meter = new Device(new DeviceId("meter-1"), key("meter-1"));
    final ModelId modelId;

    NetworkFixture(Path dir) {
        this(dir, new ZkmlProofVerifier(), UnaryOperator.identity());
    }

    /**
     * With the ledger verifying through {@code verifier} (e.g. one that pauses inside verification), and the
     * gateway seeing the ledger through {@code gatewayView} (e.g. one that fails some calls).
     */
    NetworkFixture(Path dir, ProofVerifier verifier, UnaryOperator<Ledger> gatewayView) {
        setUpModel();
        ledger = EmbeddedLedger.open(dir.resolve("ledger.db"), 31_337, LedgerRules.standard(), clock, verifier);
        gateway = new Gateway(gatewayView.apply(ledger), new ContentStore(), new JobMatcher(LedgerRules.standard(), 30),
                clock);
        keys.add(ContentHash.of(modelBytes), key);
        ledger.mint(requester, 100 * PRICE);
        modelId = gateway.registerModel(owner, key.verifierKey().toBytes(), modelBytes);
        gateway.registerDevice(owner, meter.id(), meter.publicKey());
    }

    private static synchronized void setUpModel() {
        if (key == null) {
            model = SharedModels.rawScaleModel("ezkl/1l_mlp");
            modelBytes = ModelCodec.encode(model);
            key = ZkmlProver.setup(model);
        }
    }

    ProviderNode node(String name, Behaviour behaviour) {
        ProviderNode n = new ProviderNode(key(name), keys, behaviour);
        ledger.mint(n.address(), STAKE);
        n.join(gateway, STAKE, new NodeResources(1, 1_024, 0, 1, Set.of(modelId)));
        return n;
    }

    /** A seeded int16 input small enough that nothing saturates. */
    int[] input(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] x = new int[key.verifierKey().inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(-300, 300);
        }
        return x;
    }

    long post(int[] input) {
        Device.SignedFrame f = meter.capture(input, clock.now());
        return gateway.submitJob(requester, new JobOrder(modelId, f.input(), f.reading(), PRICE, clock.now() + 600));
    }

    static Secp256k1Key key(String name) {
        try {
            return Secp256k1Key.fromSecret(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Address actor(String name) {
        return Address.ofPublicKey(key(name).publicKey());
    }

    @Override
    public void close() {
        ledger.close();
    }
}
