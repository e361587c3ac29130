package io.edgeproof.ledger;

import static io.edgeproof.ledger.ProofFixtures.actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.ProofFixtures.Submission;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import io.edgeproof.zkml.zk.ZkProofOutput;
import io.edgeproof.zkml.zk.ZkProver;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules every ledger back end must follow, run with real proofs (ezkl/1l_mlp). Every call goes through
 * {@link AuditedLedger}, so the escrow and supply invariants are checked after every step, and each test
 * ends with a final audit. A back end supplies a fresh ledger and a way to restart it from its storage.
 */
public abstract class LedgerConformanceTest {
    protected static final long CHAIN_ID = 31_337;
    protected static final long START = 1_800_000_000L;
    protected static final long PRICE = 250;
    protected static final long STAKE = 10_000;
    protected static final LedgerRules RULES = LedgerRules.standard();

    static ProverKey key;
    static ProverKey otherModelKey;

    protected final ManualClock clock = new ManualClock(START);
    private final AtomicInteger audits = new AtomicInteger();
    private Ledger raw;
    protected Ledger ledger;
    protected ModelId model;

    protected final Address requester = actor("requester");
    protected final Address owner = actor("owner");
    protected final Address nodeA = actor("node-a");
    protected final Address nodeB = actor("node-b");
    protected final Address nodeC = actor("node-c");
    protected final Secp256k1Key meterKey = ProofFixtures.actorKey("meter-1");
    protected final DeviceId meter = new DeviceId("meter-1");
    private long sequence;

    /** A fresh, empty ledger for one test, verifying proofs with the real verifier. */
    protected abstract Ledger open(long chainId, LedgerRules rules, ManualClock clock);

    /** Drops {@code current} as a crash would and returns a ledger reconnected to the same state. */
    protected abstract Ledger restart(Ledger current, ManualClock clock);

    /** Verifier nodes whose attestation settles a result (0 where the ledger verifies proofs itself). */
    protected int attesters() {
        return 0;
    }

    /** What each attester of a settling verdict earns for a job of {@code price}. */
    protected long attestFee(long price) {
        return 0;
    }

    /** What the proving node earns for a verified job of {@code price}: the price less the attesters' fees. */
    protected final long nodeShare(long price) {
        return price - attesters() * attestFee(price);
    }

    /** The slashed pool after one slashing verdict on a full stake: attesters are paid from the slash. */
    protected final long poolAfterVerdictSlash() {
        return slashOfFullStake() - attesters() * attestFee(PRICE);
    }

    @BeforeAll
    static void setUpKeys() {
        key = ProofFixtures.key("ezkl/1l_mlp");
        otherModelKey = ProofFixtures.key("ezkl/1l_relu");
    }

    @BeforeEach
    void setUpNetwork() {
        raw = open(CHAIN_ID, RULES, clock);
        ledger = AuditedLedger.wrap(raw, audits);
        model = ledger.registerModel(owner, key.verifierKey().toBytes());
        ledger.mint(requester, 10_000);
        for (Address n : new Address[] {nodeA, nodeB, nodeC}) {
            ledger.mint(n, STAKE);
            ledger.registerNode(n, STAKE, new NodeResources(4, 8_192, 0, 100, Set.of(model)));
        }
        ledger.registerDevice(owner, meter, meterKey.publicKey());
    }

    @AfterEach
    void finalAudit() {
        LedgerAudit a = ledger.audit().check();
        assertThat(a.minted()).isEqualTo(10_000 + 3 * STAKE + extraMinted);
        assertThat(audits.get()).isGreaterThan(5);
        ledger.close();
    }

    protected long extraMinted;

    // --- helpers --------------------------------------------------------------------------------------------

    protected int[] input(long seed) {
        return ProofFixtures.input(key, seed);
    }

    protected SignedReading reading(int[] input) {
        return new DeviceReading(meter, clock.now(), ++sequence, InputDigest.of(input)).sign(meterKey);
    }

    protected long postDeviceJob(int[] input) {
        return ledger.postJob(requester, new JobRequest(model, new JobInput.Device(reading(input)), PRICE,
                clock.now() + 600));
    }

    protected Submission honest(long jobId, Address node, int[] input) {
        return ProofFixtures.prove(key, input, CHAIN_ID, jobId, node);
    }

    protected long postDeviceJobAssignedTo(Address node, int[] input) {
        long id = postDeviceJob(input);
        ledger.assign(id, node);
        return id;
    }

    /** Proves the job honestly for {@code node} and submits the result; returns what was submitted. */
    protected Submission submitHonest(long jobId, Address node, int[] input) {
        Submission s = honest(jobId, node, input);
        ledger.submitResult(jobId, node, s.proof(), s.outputs());
        return s;
    }

    protected JobView job(long id) {
        return ledger.job(id).orElseThrow();
    }

    protected NodeView node(Address a) {
        return ledger.node(a).orElseThrow();
    }

    protected void restart() {
        raw = restart(raw, clock);
        ledger = AuditedLedger.wrap(raw, audits);
    }

    /** The call is refused with {@code fault} and changes no balance, stake or job. */
    protected void assertRejected(Fault fault, long jobId, ThrowingCallable call) {
        LedgerAudit before = ledger.audit();
        JobView jobBefore = jobId > 0 ? job(jobId) : null;
        long[] stakes = {node(nodeA).stake(), node(nodeB).stake(), node(nodeC).stake()};
        assertThatThrownBy(call).isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.fault()).isEqualTo(fault));
        assertThat(ledger.audit()).isEqualTo(before);
        assertThat(new long[] {node(nodeA).stake(), node(nodeB).stake(), node(nodeC).stake()}).isEqualTo(stakes);
        if (jobBefore != null) {
            JobView after = job(jobId);
            assertThat(after.state()).isEqualTo(jobBefore.state());
            assertThat(after.node()).isEqualTo(jobBefore.node());
            assertThat(after.escrowHeld()).isEqualTo(jobBefore.escrowHeld());
        }
    }

    protected long slashOfFullStake() {
        return RULES.slashOf(STAKE);
    }

    // --- hidden inputs (zero knowledge, public weights) -----------------------------------------------------

    /** The device's commitment to {@code input} under a seed made of {@code seedByte}, for 3 proofs. */
    protected HiddenInput hidden(int[] input, int seedByte) {
        byte[] seed = new byte[HiddenInput.seedBytes()];
        java.util.Arrays.fill(seed, (byte) seedByte);
        return HiddenInput.commit(InputLayout.of(key.verifierKey()), input, 1, seed, 3);
    }

    /** A job on the meter's signed commitment (the ledger sees only its digest). */
    protected long postHiddenJob(HiddenInput in) {
        SignedReading r = new DeviceReading(meter, clock.now(), ++sequence,
                InputDigest.ofCommitment(in.commitment().toBytes())).sign(meterKey);
        return ledger.postJob(requester, new JobRequest(model, new JobInput.Device(r), PRICE, clock.now() + 600));
    }

    protected Submission hiddenProof(HiddenInput in, int slot, long jobId, Address node) {
        ZkProofOutput out = ZkProver.prove(key, in, slot, new JobContext(CHAIN_ID, jobId, node).toBytes(),
                new java.security.SecureRandom());
        return new Submission(out.proof().toBytes(), out.outputs());
    }

    @Test
    void hiddenInputJobSettlesAgainstTheSignedCommitment() {
        int[] x = input(40);
        HiddenInput in = hidden(x, 1);
        long id = postHiddenJob(in);
        ledger.assign(id, nodeA);
        Submission s = hiddenProof(in, 0, id, nodeA);

        Settlement r = ledger.submitResult(id, nodeA, s.proof(), s.outputs());

        assertThat(r).isInstanceOfSatisfying(Settlement.Paid.class, p -> {
            assertThat(p.amount()).isEqualTo(nodeShare(PRICE));
            assertThat(p.outputs()).isEqualTo(honest(id, nodeA, x).outputs());
        });
        assertThat(ledger.audit().paid()).isEqualTo(PRICE);
        assertThat(job(id).escrowHeld()).isZero();
    }

    @Test
    void hiddenJobRejectsAProofAboutAnotherCommitmentAndAClearProofOfItsInput() {
        int[] x = input(41);
        HiddenInput signed = hidden(x, 1);
        long id = postHiddenJob(signed);
        ledger.assign(id, nodeA);
        // the same input under another seed: a valid proof, about a commitment the meter never signed
        Submission other = hiddenProof(hidden(x, 2), 0, id, nodeA);
        assertThat(ledger.submitResult(id, nodeA, other.proof(), other.outputs()))
                .isInstanceOfSatisfying(Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.WRONG_INPUT_BINDING));
        ledger.assign(id, nodeB);
        // a proof of the very input in the clear does not settle a hidden job either
        Submission clear = honest(id, nodeB, x);
        assertThat(ledger.submitResult(id, nodeB, clear.proof(), clear.outputs()))
                .isInstanceOfSatisfying(Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.WRONG_INPUT_BINDING));
        assertThat(node(nodeA).stake()).isEqualTo(STAKE - slashOfFullStake());
        assertThat(node(nodeB).stake()).isEqualTo(STAKE - slashOfFullStake());
        ledger.assign(id, nodeC);
        Submission s = hiddenProof(signed, 2, id, nodeC);

        assertThat(ledger.submitResult(id, nodeC, s.proof(), s.outputs())).isInstanceOf(Settlement.Paid.class);
        assertThat(ledger.audit().paid()).isEqualTo(PRICE);
    }

    // --- settlement -----------------------------------------------------------------------------------------

    @Test
    void honestJobSettlesAndPaysExactlyThePrice() {
        int[] x = input(1);
        long id = postDeviceJob(x);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - PRICE);
        assertThat(job(id).state()).isEqualTo(JobState.POSTED);
        ledger.assign(id, nodeA);
        Submission s = honest(id, nodeA, x);
        Settlement result = ledger.submitResult(id, nodeA, s.proof(), s.outputs());

        assertThat(result).isInstanceOfSatisfying(Settlement.Paid.class, p -> {
            assertThat(p.amount()).isEqualTo(nodeShare(PRICE));
            assertThat(p.outputs()).isEqualTo(s.outputs());
        });
        assertThat(job(id).state()).isEqualTo(JobState.PAID);
        assertThat(job(id).escrowHeld()).isZero();
        assertThat(ledger.balanceOf(nodeA)).isEqualTo(nodeShare(PRICE));
        assertThat(node(nodeA).earnedTotal()).isEqualTo(nodeShare(PRICE));
        assertThat(node(nodeA).stake()).isEqualTo(STAKE);
        assertThat(node(nodeA).activeJobs()).isZero();
        assertThat(ledger.audit().paid()).isEqualTo(PRICE);
    }

    @Test
    void invalidProofSlashesAndReassignsThenCompletesElsewhere() {
        int[] x = input(2);
        long id = postDeviceJobAssignedTo(nodeA, x);
        // Node A proves honestly but under another node's context: it cannot pass off B's work as its own.
        Submission forged = ProofFixtures.prove(key, x, CHAIN_ID, id, nodeB);
        Settlement r = ledger.submitResult(id, nodeA, forged.proof(), forged.outputs());

        assertThat(r).isInstanceOfSatisfying(Settlement.Faulted.class, f -> {
            assertThat(f.fault()).isEqualTo(Fault.INVALID_PROOF);
            assertThat(f.slashed()).isEqualTo(slashOfFullStake());
        });
        assertThat(node(nodeA).stake()).isEqualTo(STAKE - slashOfFullStake());
        assertThat(job(id).state()).isEqualTo(JobState.FAULTED);
        assertThat(job(id).lastFault()).isEqualTo(Fault.INVALID_PROOF);
        assertRejected(Fault.NODE_EXCLUDED, id, () -> ledger.assign(id, nodeA));

        ledger.assign(id, nodeB);
        assertThat(job(id).attempts()).isEqualTo(2);
        assertThat(ledger.submitResult(id, nodeB, forged.proof(), forged.outputs())).isInstanceOf(Settlement.Paid.class);
        assertThat(node(nodeB).earnedTotal()).isEqualTo(nodeShare(PRICE));
        assertThat(node(nodeA).earnedTotal()).isZero();
        assertThat(ledger.audit().slashedPool()).isEqualTo(poolAfterVerdictSlash());
    }

    @Test
    void flippedProofBytesAreSlashedAsInvalidOrMalformed() {
        int[] x = input(3);
        Submission good = null;
        Address[] nodes = {nodeA, nodeB, nodeC};
        long id = postDeviceJob(x);
        for (int i = 0; i < nodes.length; i++) {
            ledger.assign(id, nodes[i]);
            good = honest(id, nodes[i], x);
            byte[] bad = good.proof().clone();
            bad[bad.length * (i + 1) / 4] ^= 0x10;
            Settlement r = ledger.submitResult(id, nodes[i], bad, good.outputs());
            assertThat(r).isInstanceOfSatisfying(Settlement.Faulted.class,
                    f -> assertThat(f.fault()).isIn(Fault.INVALID_PROOF, Fault.MALFORMED_PROOF));
        }
        assertThat(ledger.audit().slashedPool()).isEqualTo(3 * poolAfterVerdictSlash());
        assertThat(job(id).state()).isEqualTo(JobState.FAULTED);
        clock.advance(601);
        ledger.tick();
        assertThat(job(id).state()).isEqualTo(JobState.REFUNDED);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000);
    }

    @Test
    void resultByANodeThatIsNotAssignedIsRejected() {
        int[] x = input(4);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission byB = honest(id, nodeB, x);
        assertRejected(Fault.NOT_ASSIGNED_NODE, id, () -> ledger.submitResult(id, nodeB, byB.proof(), byB.outputs()));
        long unassigned = postDeviceJob(x);
        assertRejected(Fault.NOT_ASSIGNED_NODE, unassigned,
                () -> ledger.submitResult(unassigned, nodeB, byB.proof(), byB.outputs()));
        assertThat(node(nodeB).stake()).isEqualTo(STAKE);
    }

    @Test
    void doubleSubmitIsRejectedAndPaysOnce() {
        int[] x = input(5);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission s = submitHonest(id, nodeA, x);
        assertRejected(Fault.DUPLICATE_SUBMISSION, id, () -> ledger.submitResult(id, nodeA, s.proof(), s.outputs()));
        assertRejected(Fault.JOB_NOT_OPEN, id, () -> ledger.assign(id, nodeB));
        assertThat(ledger.balanceOf(nodeA)).isEqualTo(nodeShare(PRICE));
    }

    @Test
    void resultReplayedFromAnotherJobIsSlashed() {
        int[] x = input(6);
        long first = postDeviceJobAssignedTo(nodeA, x);
        Submission s = submitHonest(first, nodeA, x);

        long second = postDeviceJobAssignedTo(nodeA, x);
        Settlement r = ledger.submitResult(second, nodeA, s.proof(), s.outputs());
        assertThat(r).isInstanceOfSatisfying(Settlement.Faulted.class,
                f -> assertThat(f.fault()).isEqualTo(Fault.REPLAYED_RESULT));
        // A fresh proof under the first job's context is no better: the context moves every challenge.
        ledger.assign(second, nodeB);
        Submission stale = honest(first, nodeB, x);
        assertThat(ledger.submitResult(second, nodeB, stale.proof(), stale.outputs()))
                .isInstanceOfSatisfying(Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.INVALID_PROOF));
        assertThat(node(nodeA).earnedTotal()).isEqualTo(nodeShare(PRICE));
    }

    @Test
    void proofOfAnotherChainIsInvalid() {
        int[] x = input(7);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission s = ProofFixtures.prove(key, x, CHAIN_ID + 1, id, nodeA);
        assertThat(ledger.submitResult(id, nodeA, s.proof(), s.outputs()))
                .isInstanceOfSatisfying(Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.INVALID_PROOF));
    }

    @Test
    void proofOfAnotherInputIsAWrongBinding() {
        int[] x = input(8);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission s = honest(id, nodeA, input(9));
        assertThat(ledger.submitResult(id, nodeA, s.proof(), s.outputs())).isInstanceOfSatisfying(
                Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.WRONG_INPUT_BINDING));
        assertThat(node(nodeA).stake()).isEqualTo(STAKE - slashOfFullStake());
    }

    @Test
    void proofOfAnotherModelIsWrongModel() {
        int[] x = input(10);
        long id = postDeviceJobAssignedTo(nodeA, x);
        int[] other = ProofFixtures.input(otherModelKey, 10);
        Submission s = ProofFixtures.prove(otherModelKey, other, CHAIN_ID, id, nodeA);
        assertThat(ledger.submitResult(id, nodeA, s.proof(), s.outputs())).isInstanceOfSatisfying(
                Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.WRONG_MODEL));
    }

    @Test
    void claimedOutputsThatDifferFromTheProofAreSlashed() {
        int[] x = input(11);
        long id = ledger.postJob(requester, new JobRequest(model, new JobInput.Public(InputDigest.of(x)), PRICE,
                clock.now() + 600));
        ledger.assign(id, nodeA);
        Submission s = honest(id, nodeA, x);
        int[] lie = s.outputs();
        lie[0] += 1;
        assertThat(ledger.submitResult(id, nodeA, s.proof(), lie)).isInstanceOfSatisfying(
                Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.OUTPUT_MISMATCH));
    }

    // --- deadlines and liveness -----------------------------------------------------------------------------

    @Test
    void missedAssignmentDeadlineSlashesAndReopensThenJobDeadlineRefunds() {
        int[] x = input(12);
        long id = postDeviceJobAssignedTo(nodeA, x);
        clock.advance(RULES.assignmentWindow() + 1);
        heartbeatAll();
        ledger.tick();
        assertThat(job(id).state()).isEqualTo(JobState.FAULTED);
        assertThat(job(id).lastFault()).isEqualTo(Fault.DEADLINE_MISSED);
        assertThat(node(nodeA).stake()).isEqualTo(STAKE - slashOfFullStake());

        ledger.assign(id, nodeB);
        clock.advance(RULES.assignmentWindow() + 1);
        heartbeatAll();
        Submission late = honest(id, nodeB, x);
        assertThat(ledger.submitResult(id, nodeB, late.proof(), late.outputs())).isInstanceOfSatisfying(
                Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.DEADLINE_MISSED));

        clock.advance(600);
        ledger.tick();
        assertThat(job(id).state()).isEqualTo(JobState.REFUNDED);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000);
        assertThat(ledger.audit().refunded()).isEqualTo(PRICE);
        assertRejected(Fault.JOB_NOT_OPEN, id, () -> ledger.submitResult(id, nodeB, late.proof(), late.outputs()));
    }

    @Test
    void nodeThatMissesHeartbeatsGoesOfflineAndItsJobCompletesElsewhere() {
        int[] x = input(13);
        long id = postDeviceJobAssignedTo(nodeA, x);
        clock.advance(RULES.heartbeatTimeout() + 1);
        ledger.heartbeat(nodeB);
        ledger.heartbeat(nodeC);
        ledger.tick();
        assertThat(node(nodeA).status()).isEqualTo(NodeStatus.OFFLINE);
        assertThat(node(nodeA).stake()).isEqualTo(STAKE);
        assertThat(job(id).state()).isEqualTo(JobState.FAULTED);
        assertThat(job(id).lastFault()).isEqualTo(Fault.NODE_OFFLINE);
        assertRejected(Fault.NODE_EXCLUDED, id, () -> ledger.assign(id, nodeA));

        ledger.assign(id, nodeC);
        Submission s = honest(id, nodeC, x);
        assertThat(ledger.submitResult(id, nodeC, s.proof(), s.outputs())).isInstanceOf(Settlement.Paid.class);
        ledger.heartbeat(nodeA);
        assertThat(node(nodeA).status()).isEqualTo(NodeStatus.ONLINE);
    }

    @Test
    void offlineOrNonServingNodesAreNotAssigned() {
        extraMinted = STAKE;
        Address stranger = actor("node-d");
        ledger.mint(stranger, STAKE);
        ledger.registerNode(stranger, STAKE, new NodeResources(1, 1_024, 0, 1, Set.of()));
        long id = postDeviceJob(input(14));
        assertRejected(Fault.NODE_NOT_ELIGIBLE, id, () -> ledger.assign(id, stranger));
        clock.advance(RULES.heartbeatTimeout() + 1);
        assertRejected(Fault.NODE_NOT_ELIGIBLE, id, () -> ledger.assign(id, nodeA));
        assertRejected(Fault.UNKNOWN_NODE, id, () -> ledger.assign(id, actor("nobody")));
        ledger.heartbeat(nodeA);
        ledger.assign(id, nodeA);
        assertRejected(Fault.JOB_ALREADY_ASSIGNED, id, () -> ledger.assign(id, nodeB));
    }

    private void heartbeatAll() {
        ledger.heartbeat(nodeA);
        ledger.heartbeat(nodeB);
        ledger.heartbeat(nodeC);
    }

    // --- escrow and devices ---------------------------------------------------------------------------------

    @Test
    void jobBeyondTheRequestersBalanceIsRejected() {
        int[] x = input(15);
        assertRejected(Fault.INSUFFICIENT_ESCROW, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(reading(x)), 10_001, clock.now() + 600)));
        assertRejected(Fault.INSUFFICIENT_ESCROW, 0, () -> ledger.postJob(actor("pauper"),
                new JobRequest(model, new JobInput.Public(InputDigest.of(x)), 1, clock.now() + 600)));
        assertRejected(Fault.INVALID_REQUEST, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Public(InputDigest.of(x)), 0, clock.now() + 600)));
        assertRejected(Fault.INVALID_REQUEST, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Public(InputDigest.of(x)), 1, clock.now())));
        assertRejected(Fault.UNKNOWN_MODEL, 0, () -> ledger.postJob(requester, new JobRequest(
                new ModelId(new byte[32]), new JobInput.Public(InputDigest.of(x)), 1, clock.now() + 600)));
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000);
    }

    @Test
    void readingFromAnUnknownDeviceIsRejected() {
        int[] x = input(16);
        SignedReading r = new DeviceReading(new DeviceId("meter-99"), clock.now(), 1, InputDigest.of(x)).sign(meterKey);
        assertRejected(Fault.UNKNOWN_DEVICE, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(r), PRICE, clock.now() + 600)));
    }

    @Test
    void readingWithABadSignatureIsRejected() {
        int[] x = input(17);
        SignedReading byOtherKey = new DeviceReading(meter, clock.now(), 1, InputDigest.of(x))
                .sign(ProofFixtures.actorKey("impostor"));
        assertRejected(Fault.BAD_DEVICE_SIGNATURE, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(byOtherKey), PRICE, clock.now() + 600)));
        SignedReading good = reading(x);
        byte[] sig = good.signature();
        sig[5] ^= 1;
        SignedReading flipped = new SignedReading(good.reading(), sig);
        assertRejected(Fault.BAD_DEVICE_SIGNATURE, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(flipped), PRICE, clock.now() + 600)));
        // Rejected readings do not burn the sequence number: the genuine one still posts.
        ledger.postJob(requester, new JobRequest(model, new JobInput.Device(good), PRICE, clock.now() + 600));
    }

    @Test
    void replayedDeviceReadingIsRejected() {
        int[] x = input(18);
        SignedReading r = reading(x);
        ledger.postJob(requester, new JobRequest(model, new JobInput.Device(r), PRICE, clock.now() + 600));
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(r), PRICE, clock.now() + 600)));
        SignedReading older = new DeviceReading(meter, clock.now(), 0, InputDigest.of(x)).sign(meterKey);
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(older), PRICE, clock.now() + 600)));
    }

    @Test
    void registrationsAreCheckedAndUnique() {
        assertRejected(Fault.ALREADY_REGISTERED, 0, () -> ledger.registerModel(owner, key.verifierKey().toBytes()));
        assertRejected(Fault.MALFORMED_VERIFIER_KEY, 0, () -> ledger.registerModel(owner, new byte[] {1, 2, 3}));
        assertRejected(Fault.ALREADY_REGISTERED, 0, () -> ledger.registerDevice(owner, meter, meterKey.publicKey()));
        assertRejected(Fault.BAD_PUBLIC_KEY, 0, () -> ledger.registerDevice(owner, new DeviceId("m2"), new byte[65]));
        assertRejected(Fault.ALREADY_REGISTERED, 0,
                () -> ledger.registerNode(nodeA, STAKE, new NodeResources(1, 1, 0, 1, Set.of())));
        assertRejected(Fault.STAKE_TOO_LOW, 0, () -> ledger.registerNode(actor("x"), RULES.minStake() - 1,
                new NodeResources(1, 1, 0, 1, Set.of())));
        assertRejected(Fault.INSUFFICIENT_BALANCE, 0, () -> ledger.registerNode(actor("x"), RULES.minStake(),
                new NodeResources(1, 1, 0, 1, Set.of())));
    }

    @Test
    void unbondedStakeStaysSlashableUntilWithdrawn() {
        int[] x = input(19);
        long id = postDeviceJobAssignedTo(nodeA, x);
        ledger.unbond(nodeA);
        assertRejected(Fault.NODE_NOT_ELIGIBLE, 0, () -> ledger.unbond(nodeA));
        Submission bad = honest(id, nodeB, x);
        ledger.submitResult(id, nodeA, bad.proof(), bad.outputs());
        assertThat(node(nodeA).stake()).isEqualTo(STAKE - slashOfFullStake());
        assertRejected(Fault.UNBONDING_NOT_FINISHED, 0, () -> ledger.withdrawStake(nodeA));
        clock.advance(RULES.unbondingPeriod());
        heartbeatAll();
        ledger.withdrawStake(nodeA);
        assertThat(ledger.balanceOf(nodeA)).isEqualTo(STAKE - slashOfFullStake());
        assertThat(node(nodeA).status()).isEqualTo(NodeStatus.EXITED);
        assertThat(node(nodeA).stake()).isZero();
    }

    // --- crash and restart ----------------------------------------------------------------------------------

    @Test
    void restartMidScenarioLosesNothingAndPaysNothingTwice() {
        int[] x = input(20);
        long id = postDeviceJobAssignedTo(nodeA, x);
        restart();
        assertThat(job(id).state()).isEqualTo(JobState.ASSIGNED);
        assertThat(job(id).node()).isEqualTo(nodeA);

        Submission bad = honest(id, nodeB, x);
        ledger.submitResult(id, nodeA, bad.proof(), bad.outputs());
        restart();
        assertThat(job(id).state()).isEqualTo(JobState.FAULTED);
        assertRejected(Fault.NODE_EXCLUDED, id, () -> ledger.assign(id, nodeA));
        ledger.assign(id, nodeB);
        Submission good = submitHonest(id, nodeB, x);
        restart();
        assertRejected(Fault.DUPLICATE_SUBMISSION, id, () -> ledger.submitResult(id, nodeB, good.proof(), good.outputs()));
        // The replay guard and the device sequence survive restarts too.
        long second = postDeviceJobAssignedTo(nodeB, x);
        restart();
        assertThat(ledger.submitResult(second, nodeB, good.proof(), good.outputs())).isInstanceOfSatisfying(
                Settlement.Faulted.class, f -> assertThat(f.fault()).isEqualTo(Fault.REPLAYED_RESULT));
        SignedReading stale = new DeviceReading(meter, clock.now(), sequence, InputDigest.of(x)).sign(meterKey);
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postJob(requester,
                new JobRequest(model, new JobInput.Device(stale), PRICE, clock.now() + 600)));

        assertThat(node(nodeB).earnedTotal()).isEqualTo(nodeShare(PRICE));
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - 2 * PRICE);
        LedgerAudit a = ledger.audit();
        assertThat(a.paid()).isEqualTo(PRICE);
        assertThat(a.escrowHeld()).isEqualTo(PRICE);
        // A's invalid proof was a verdict (attesters paid from its slash); B's replay was caught on submission.
        assertThat(a.slashedPool()).isEqualTo(poolAfterVerdictSlash() + RULES.slashOf(STAKE));
    }

    @Test
    void eventsTellTheOperatorWhatHappened() {
        int[] x = input(21);
        long id = postDeviceJobAssignedTo(nodeA, x);
        Submission bad = honest(id, nodeB, x);
        ledger.submitResult(id, nodeA, bad.proof(), bad.outputs());
        var faults = ledger.events(0, 1_000).stream().filter(e -> e.type() == EventType.NODE_FAULTED).toList();
        assertThat(faults).hasSize(1);
        assertThat(faults.get(0).fault()).isEqualTo(Fault.INVALID_PROOF);
        assertThat(faults.get(0).address()).isEqualTo(nodeA);
        assertThat(faults.get(0).amount()).isEqualTo(slashOfFullStake());
        assertThat(faults.get(0).jobId()).isEqualTo(id);
        assertThat(faults.get(0).detail()).isNotBlank();
    }
}
