package io.edgeproof.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ManualClock;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.embedded.EmbeddedLedger;
import io.edgeproof.ledger.zkml.ZkmlProofVerifier;
import io.edgeproof.zkml.io.Dataset;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import io.edgeproof.zkml.zk.InputLayout;
import io.edgeproof.zkml.zk.ZkProofOutput;
import io.edgeproof.zkml.zk.ZkProver;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hidden-input jobs end to end in process: digits-mlp (public weights) set up with the cameras' raw scale
 * 1/16, a camera that commits its raw 0..16 frame and signs the commitment, real zero-knowledge proofs
 * verified by the embedded ledger against the signed commitment. Books audited after each test.
 */
class HiddenInputJobTest {
    private static final long PRICE = 100;
    private static final long STAKE = 10_000;
    private static QuantizedModel model;
    private static byte[] modelBytes;
    private static ProverKey key;
    private static List<int[]> frames;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(1_800_000_000L);
    private final ModelKeys keys = new ModelKeys();
    private final Address requester = TestKeys.address("requester");
    private final Device camera = new Device(new DeviceId("meter-cam-1"), TestKeys.key("meter-cam-1"));
    private final SecureRandom random = new SecureRandom();
    private EmbeddedLedger ledger;
    private Gateway gateway;
    private ModelId modelId;
    private InputLayout layout;

    private static synchronized void setUpModel() {
        if (key == null) {
            model = ModelFiles.compile(SharedModels.network("digits-mlp"), null, 0.0625).model();
            modelBytes = ModelCodec.encode(model);
            key = ZkmlProver.setup(model);
            frames = Dataset.read(SharedModels.digitsFrames()).inputs().subList(0, 4).stream().map(x -> {
                int[] raw = new int[x.length];
                for (int i = 0; i < x.length; i++) {
                    raw[i] = (int) Math.round(x[i] * 16);
                }
                return model.rawReading(raw);
            }).toList();
        }
    }

    @BeforeEach
    void open() {
        setUpModel();
        ledger = EmbeddedLedger.open(dir.resolve("ledger.db"), 31_337, LedgerRules.standard(), clock, new ZkmlProofVerifier());
        gateway = new Gateway(ledger, new ContentStore(), new JobMatcher(LedgerRules.standard(), 30), clock);
        keys.add(ContentHash.of(modelBytes), key);
        ledger.mint(requester, 100 * PRICE);
        Address owner = TestKeys.address("owner");
        modelId = gateway.registerModel(owner, key.verifierKey().toBytes(), modelBytes);
        gateway.registerDevice(owner, camera.id(), camera.publicKey());
        layout = InputLayout.of(key.verifierKey());
    }

    @AfterEach
    void audit() {
        LedgerAudit a = ledger.audit().check();
        assertThat(a.escrowPosted()).isEqualTo(a.paid() + a.refunded() + a.escrowHeld());
        ledger.close();
    }

    private ProviderNode node(String name) {
        return node(name, Behaviour.HONEST);
    }

    private ProviderNode node(String name, Behaviour behaviour) {
        ProviderNode n = new ProviderNode(TestKeys.key(name), keys, behaviour);
        ledger.mint(n.address(), STAKE);
        n.join(gateway, STAKE, new NodeResources(1, 1_024, 0, 1, Set.of(modelId)));
        return n;
    }

    private Device.HiddenFrame capture(Device device, int frame) {
        return device.captureHidden(frames.get(frame), layout, 2, clock.now(), random);
    }

    private long post(Device.HiddenFrame f) {
        return gateway.submitJob(requester, JobOrder.hidden(modelId, f.sealed(), f.reading(), PRICE, clock.now() + 600));
    }

    private Assignment assigned(ProviderNode n) {
        gateway.dispatch();
        return gateway.pollAssignments(n.address()).getFirst();
    }

    @Test
    void honestHiddenJobSettlesPaysExactlyTheEscrowAndShowsOnlyTheCommitment() {
        ProviderNode node = node("node-a");
        long before = ledger.balanceOf(requester);
        Device.HiddenFrame f = capture(camera, 0);
        long job = post(f);
        Assignment a = assigned(node);

        assertThat(a.hidden().commitment()).isEqualTo(f.commitment());
        assertThat(a.hidden().slot()).isZero();
        assertThat(ledger.job(job).orElseThrow().inputDigest()).isEqualTo(InputDigest.ofCommitment(f.commitment()));
        assertThat(gateway.inputCommitment(job)).hasValueSatisfying(c -> assertThat(c).isEqualTo(f.commitment()));
        // the public content store never holds a hidden input
        assertThatThrownBy(() -> gateway.fetch(a.inputContent())).isInstanceOf(NetworkException.class);

        JobResult r = node.work(a, gateway);
        assertThat(r).isInstanceOf(JobResult.Proved.class);
        Settlement s = gateway.submit((JobResult.Proved) r);

        assertThat(s).isInstanceOfSatisfying(Settlement.Paid.class, p -> assertThat(p.amount()).isEqualTo(PRICE));
        int[] clear = ZkmlProver.prove(key, frames.get(0), 1, new byte[0]).outputs();
        assertThat(gateway.result(job)).hasValueSatisfying(out -> assertThat(out).isEqualTo(clear));
        assertThat(ledger.balanceOf(requester)).isEqualTo(before - PRICE);
        assertThat(ledger.node(node.address()).orElseThrow().earnedTotal()).isEqualTo(PRICE);
        LedgerAudit books = ledger.audit();
        assertThat(books.escrowPosted()).isEqualTo(PRICE).isEqualTo(books.paid());
        assertThat(books.escrowHeld()).isZero();
    }

    @Test
    void proofAboutAnotherCommitmentIsSlashedAndTheJobCompletedOnTheNextSlot() {
        ProviderNode cheater = node("cheater");
        Device.HiddenFrame f = capture(camera, 1);
        long job = post(f);
        Assignment a = assigned(cheater);
        // the same raw frame under another seed: a valid proof, but of a commitment the camera never signed
        SealedInput other = new SealedInput(frames.get(1), new byte[32], 2);
        ZkProofOutput forged = ZkProver.prove(key, other.commit(layout), 0,
                new JobContext(ledger.chainId(), job, cheater.address()).toBytes(), random);
        long stake = ledger.node(cheater.address()).orElseThrow().stake();

        Settlement s = gateway.submit(new JobResult.Proved(job, cheater.address(), forged.proof().toBytes(), forged.outputs()));

        assertThat(s).isInstanceOfSatisfying(Settlement.Faulted.class, x -> {
            assertThat(x.fault()).isEqualTo(Fault.WRONG_INPUT_BINDING);
            assertThat(x.slashed()).isEqualTo(stake / 10);
        });
        ProviderNode honest = node("honest");
        Assignment again = assigned(honest);
        assertThat(again.hidden().slot()).isEqualTo(1);
        Settlement paid = gateway.submit((JobResult.Proved) honest.work(again, gateway));
        assertThat(paid).isInstanceOf(Settlement.Paid.class);
        assertThat(ledger.job(job).orElseThrow().state()).isEqualTo(JobState.PAID);
        assertThat(ledger.audit().paid()).isEqualTo(PRICE);
    }

    @Test
    void everyForgeryOnAHiddenJobIsSlashedWithItsFaultAndTheJobCompletedOnTheNextSlot() {
        for (Forgery forgery : Forgery.values()) {
            ProviderNode cheater = node("cheater-" + forgery, new Behaviour.Always(forgery));
            long job = post(capture(camera, forgery.ordinal()));
            Assignment a = assigned(cheater);
            ProviderNode honest = node("honest-" + forgery);

            Settlement s = gateway.submit((JobResult.Proved) cheater.work(a, gateway));

            Fault expected = switch (forgery) {
                case OTHER_INPUT -> Fault.WRONG_INPUT_BINDING;
                case WRONG_OUTPUTS -> Fault.OUTPUT_MISMATCH;
                case FLIPPED_BYTES, OTHER_JOB_CONTEXT -> Fault.INVALID_PROOF;
            };
            assertThat(s).isInstanceOfSatisfying(Settlement.Faulted.class, x -> {
                assertThat(x.fault()).as(forgery.name()).isIn(expected, Fault.MALFORMED_PROOF);
                if (forgery != Forgery.FLIPPED_BYTES) {
                    assertThat(x.fault()).as(forgery.name()).isEqualTo(expected);
                }
                assertThat(x.slashed()).isEqualTo(STAKE / 10);
            });
            Assignment again = assigned(honest);
            assertThat(again.hidden().slot()).isEqualTo(1);
            assertThat(gateway.submit((JobResult.Proved) honest.work(again, gateway))).isInstanceOf(Settlement.Paid.class);
            assertThat(ledger.job(job).orElseThrow().state()).isEqualTo(JobState.PAID);
            assertThat(ledger.node(honest.address()).orElseThrow().earnedTotal()).isEqualTo(PRICE);
            ledger.unbond(cheater.address());
            ledger.unbond(honest.address());
        }
        assertThat(ledger.audit().paid()).isEqualTo(Forgery.values().length * PRICE);
    }

    @Test
    void commitmentSignedByAnUnregisteredDeviceIsRefusedAtIntake() {
        Device stranger = new Device(new DeviceId("meter-cam-9"), TestKeys.key("meter-cam-9"));
        long before = ledger.balanceOf(requester);
        Device.HiddenFrame f = capture(stranger, 0);

        assertThatThrownBy(() -> post(f)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.UNKNOWN_DEVICE));
        assertThat(ledger.balanceOf(requester)).isEqualTo(before);
        assertThat(ledger.audit().escrowPosted()).isZero();
    }

    @Test
    void sealedInputThatDoesNotMakeTheSignedCommitmentIsRefusedAtIntake() {
        Device.HiddenFrame f = capture(camera, 2);
        SealedInput reseeded = new SealedInput(f.sealed().reading(), new byte[32], 2);

        assertThatThrownBy(() -> gateway.submitJob(requester, JobOrder.hidden(modelId, reseeded, f.reading(), PRICE,
                clock.now() + 600))).isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("do not make the commitment");
                });
        assertThat(ledger.audit().escrowPosted()).isZero();
    }

    @Test
    void hiddenInputIsServedOnlyToTheAssignedNode() {
        ProviderNode a = node("node-a");
        long job = post(capture(camera, 3));
        assertThatThrownBy(() -> gateway.fetchSealedInput(a.address(), job)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.NOT_ASSIGNED_NODE)); // not assigned yet
        Assignment assignment = assigned(a);
        ProviderNode b = node("node-b");

        assertThatThrownBy(() -> gateway.fetchSealedInput(b.address(), job)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.NOT_ASSIGNED_NODE));
        assertThatThrownBy(() -> gateway.fetchSealedInput(requester, job)).isInstanceOfSatisfying(LedgerException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.NOT_ASSIGNED_NODE));
        byte[] sealed = gateway.fetchSealedInput(a.address(), job);
        assertThat(assignment.inputContent().names(sealed)).isTrue();
        assertThat(SealedInput.fromBytes(sealed).reading()).isEqualTo(frames.get(3));
        gateway.refuse(new JobResult.Refused(job, a.address(), "test: gives the job back"));
    }

    @Test
    void hiddenJobOnAModelWithoutZeroKnowledgeProofsIsRefusedAtSubmit() {
        // relu(x) times x: both MatMul operands read through the same committed columns, which the
        // zero-knowledge circuit refuses (one one-time mask per column and check; zkml/ZK.md)
        QuantizedModel square = new QuantizedModel(new int[] {1, 4, 4}, 1.0, List.of(
                new QNode("relu", new QLayer.Relu(), new int[] {0}, new int[] {1, 4, 4}, 1.0),
                new QNode("matmul", new QLayer.MatMul(new Requant(new long[] {1}, new int[] {20})), new int[] {1, 0},
                        new int[] {1, 4, 4}, 1.0)), new int[] {2}, true);
        ProverKey pk = ZkmlProver.setup(square);
        ModelId id = gateway.registerModel(TestKeys.address("owner"), pk.verifierKey().toBytes(), ModelCodec.encode(square));
        int[] raw = new int[square.inputSize()];
        SealedInput sealed = new SealedInput(raw, new byte[32], 1);
        byte[] anyDigest = InputDigest.ofCommitment(new byte[] {1});
        var reading = new DeviceReading(camera.id(), clock.now(), 99, anyDigest).sign(TestKeys.key("meter-cam-1"));

        assertThatThrownBy(() -> gateway.submitJob(requester, JobOrder.hidden(id, sealed, reading, PRICE, clock.now() + 600)))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("hidden inputs are not supported for model " + id);
                });
        assertThat(ledger.audit().escrowPosted()).isZero();
    }

    @Test
    void deviceReadingOnAModelWithoutARawScaleIsRefusedAtSubmit() {
        QuantizedModel calibrated = ModelFiles.compile(SharedModels.network("ezkl/1l_mlp"), null).model();
        ProverKey pk = ZkmlProver.setup(calibrated);
        ModelId id = gateway.registerModel(TestKeys.address("owner"), pk.verifierKey().toBytes(), ModelCodec.encode(calibrated));
        int[] input = new SplittableRandom(5).ints(calibrated.inputSize(), -100, 100).toArray();
        Device.SignedFrame f = camera.capture(input, clock.now());

        assertThatThrownBy(() -> gateway.submitJob(requester, new JobOrder(id, f.input(), f.reading(), PRICE, clock.now() + 600)))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.fault()).isEqualTo(Fault.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains("has no raw scale");
                });
        // a public input on the same model is still fine: the requester quantized it itself
        long job = gateway.submitJob(requester, JobOrder.publicInput(id, input, PRICE, clock.now() + 600));
        assertThat(ledger.job(job)).isPresent();
    }
}
