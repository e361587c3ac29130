package io.edgeproof.ledger;

import static io.edgeproof.ledger.ProofFixtures.actor;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.ProofFixtures.Submission;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The second half of the conformance suite: releasing a job, epoch rewards, challenges and feeds. Same
 * fixture and audits as {@link LedgerConformanceTest}; each back end runs both halves.
 */
public abstract class MarketRulesConformanceTest extends LedgerConformanceTest {

    /** The arbiter named at deployment, where challenges wait for one (empty where they are decided at once). */
    protected Optional<Address> arbiter() {
        return Optional.empty();
    }

    private Settlement settleHonestly(long id, Address node, int[] x) {
        ledger.assign(id, node);
        Submission s = honest(id, node, x);
        return ledger.submitResult(id, node, s.proof(), s.outputs());
    }

    // --- release ----------------------------------------------------------------------------------------------

    @Test
    void releasedJobReopensAtOnceWithoutSlashAndKeepsItsEscrow() {
        int[] first = input(30);
        settleHonestly(postDeviceJob(first), nodeA, first);
        assertThat(node(nodeA).reputation()).isEqualTo(1);
        int[] x = input(31);
        long id = postDeviceJob(x);
        ledger.assign(id, nodeA);
        ledger.releaseJob(id, nodeA);

        JobView j = job(id);
        assertThat(j.state()).isEqualTo(JobState.FAULTED);
        assertThat(j.lastFault()).isEqualTo(Fault.JOB_RELEASED);
        assertThat(j.node()).isNull();
        assertThat(j.escrowHeld()).isEqualTo(PRICE);
        assertThat(node(nodeA).stake()).isEqualTo(STAKE);
        assertThat(node(nodeA).reputation()).isZero();
        assertThat(node(nodeA).activeJobs()).isZero();
        assertThat(ledger.audit().slashedPool()).isZero();
        assertThat(ledger.events(0, 1_000)).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.JOB_RELEASED);
            assertThat(e.address()).isEqualTo(nodeA);
            assertThat(e.fault()).isEqualTo(Fault.JOB_RELEASED);
        });
        assertRejected(Fault.NODE_EXCLUDED, id, () -> ledger.assign(id, nodeA));
        assertThat(settleHonestly(id, nodeB, x)).isInstanceOf(Settlement.Paid.class);
        assertThat(ledger.audit().paid()).isEqualTo(2 * PRICE);
    }

    @Test
    void releaseByAnotherNodeTwiceLateOrAfterPaymentIsRejected() {
        int[] x = input(32);
        long id = postDeviceJob(x);
        assertRejected(Fault.NOT_ASSIGNED_NODE, id, () -> ledger.releaseJob(id, nodeA));
        ledger.assign(id, nodeA);
        assertRejected(Fault.NOT_ASSIGNED_NODE, id, () -> ledger.releaseJob(id, nodeB));
        assertRejected(Fault.UNKNOWN_JOB, 0, () -> ledger.releaseJob(999, nodeA));
        ledger.releaseJob(id, nodeA);
        assertRejected(Fault.NOT_ASSIGNED_NODE, id, () -> ledger.releaseJob(id, nodeA));

        ledger.assign(id, nodeB);
        clock.advance(RULES.assignmentWindow() + 1);
        assertRejected(Fault.RELEASE_TOO_LATE, id, () -> ledger.releaseJob(id, nodeB));
        long paidJob = postDeviceJob(input(33));
        ledger.heartbeat(nodeC);
        settleHonestly(paidJob, nodeC, input(33));
        assertRejected(Fault.DUPLICATE_SUBMISSION, paidJob, () -> ledger.releaseJob(paidJob, nodeC));
    }

    // --- epoch rewards ----------------------------------------------------------------------------------------

    @Test
    void epochRewardsArePaidProRataToVerifiedJobsAndUptimeWithDustLeftInThePool() {
        long epoch = RULES.epochOf(clock.now());
        // Registration counted one uptime point each; a second heartbeat in the same slot counts nothing.
        ledger.heartbeat(nodeA);
        int[] x = input(34);
        settleHonestly(postDeviceJob(x), nodeA, x);
        for (int slot = 1; slot <= 2; slot++) {
            clock.advance(RULES.heartbeatTimeout());
            ledger.heartbeat(nodeA);
            if (slot == 1) {
                ledger.heartbeat(nodeB);
                ledger.heartbeat(nodeC);
            }
        }
        // A: 1 job, 3 points; B: 2 points; C: 2 points.
        assertThat(ledger.epochShare(epoch, nodeA)).isEqualTo(new EpochShare(epoch, nodeA, 1, 3, 0, false));
        assertThat(ledger.epoch(epoch)).isEqualTo(new EpochView(epoch, false, 1, 7, 0, 0));
        assertRejected(Fault.EPOCH_NOT_OVER, 0, () -> ledger.closeEpoch(epoch));
        assertRejected(Fault.EPOCH_NOT_CLOSED, 0, () -> ledger.claimReward(nodeA, epoch));

        clock.advance(RULES.epochEnd(epoch) - clock.now());
        EpochView closed = ledger.closeEpoch(epoch);
        extraMinted = RULES.epochEmission();
        assertThat(closed.minted()).isEqualTo(RULES.epochEmission());
        assertThat(ledger.audit().rewardPool()).isEqualTo(RULES.epochEmission());
        assertRejected(Fault.EPOCH_ALREADY_CLOSED, 0, () -> ledger.closeEpoch(epoch));

        long work = RULES.workEmission();
        long uptime = RULES.uptimeEmission();
        long a = work + uptime * 3 / 7;
        long bc = uptime * 2 / 7;
        long balanceA = ledger.balanceOf(nodeA);
        assertThat(ledger.claimReward(nodeA, epoch)).isEqualTo(a);
        assertThat(ledger.balanceOf(nodeA)).isEqualTo(balanceA + a);
        assertThat(ledger.claimReward(nodeB, epoch)).isEqualTo(bc);
        assertThat(ledger.claimReward(nodeC, epoch)).isEqualTo(bc);
        assertRejected(Fault.REWARD_ALREADY_CLAIMED, 0, () -> ledger.claimReward(nodeA, epoch));
        assertRejected(Fault.NO_REWARD, 0, () -> ledger.claimReward(requester, epoch));
        assertThat(ledger.epochShare(epoch, nodeB)).isEqualTo(new EpochShare(epoch, nodeB, 0, 2, bc, true));
        assertThat(ledger.audit().rewardPool()).isEqualTo(RULES.epochEmission() - a - 2 * bc).isPositive();
        assertThat(ledger.events(0, 1_000)).filteredOn(e -> e.type() == EventType.REWARD_PAID).hasSize(3);
    }

    @Test
    void anEpochWithoutVerifiedJobsMintsOnlyItsUptimePartAndAnEmptyOneNothing() {
        long epoch = RULES.epochOf(clock.now());
        assertThat(ledger.closeEpoch(epoch - 1).minted()).isZero();
        clock.advance(RULES.epochEnd(epoch) - clock.now());
        EpochView e = ledger.closeEpoch(epoch);
        extraMinted = RULES.uptimeEmission();
        assertThat(e.verifiedJobs()).isZero();
        assertThat(e.minted()).isEqualTo(RULES.uptimeEmission());
        assertThat(ledger.claimReward(nodeB, epoch)).isEqualTo(RULES.uptimeEmission() / 3);
    }

    // --- challenges -------------------------------------------------------------------------------------------

    @Test
    void challengeOfAVerifiedResultLosesTheBond() {
        int[] x = input(35);
        long id = postDeviceJob(x);
        settleHonestly(id, nodeA, x);
        long bond = RULES.challengeBond();
        ChallengeView c = ledger.challenge(requester, id, bond);
        if (c.status() == ChallengeView.Status.OPEN) {
            Address arbiter = arbiter().orElseThrow();
            assertThat(ledger.audit().bondsHeld()).isEqualTo(bond);
            assertRejected(Fault.NOT_ARBITER, id, () -> ledger.resolveChallenge(requester, id, true));
            c = ledger.resolveChallenge(arbiter, id, false);
        }
        assertThat(c.status()).isEqualTo(ChallengeView.Status.REJECTED);
        assertThat(ledger.challengeOf(id)).contains(c);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - PRICE - bond);
        assertThat(ledger.audit().slashedPool()).isEqualTo(bond);
        assertThat(ledger.audit().bondsHeld()).isZero();
        assertThat(job(id).state()).isEqualTo(JobState.PAID);
        assertThat(node(nodeA).stake()).isEqualTo(STAKE);
        assertRejected(Fault.ALREADY_CHALLENGED, id, () -> ledger.challenge(nodeB, id, bond));
        assertRejected(Fault.NO_OPEN_CHALLENGE, id,
                () -> ledger.resolveChallenge(arbiter().orElse(requester), id, true));
    }

    @Test
    void challengesOutsideTheRulesAreRejected() {
        int[] x = input(36);
        long id = postDeviceJob(x);
        assertRejected(Fault.NOT_CHALLENGEABLE, id, () -> ledger.challenge(requester, id, RULES.challengeBond()));
        assertRejected(Fault.UNKNOWN_JOB, 0, () -> ledger.challenge(requester, 999, RULES.challengeBond()));
        settleHonestly(id, nodeA, x);
        assertRejected(Fault.BOND_TOO_SMALL, id, () -> ledger.challenge(requester, id, RULES.challengeBond() - 1));
        assertRejected(Fault.INSUFFICIENT_BALANCE, id,
                () -> ledger.challenge(actor("pauper"), id, RULES.challengeBond()));
        assertRejected(Fault.NO_OPEN_CHALLENGE, id,
                () -> ledger.resolveChallenge(arbiter().orElse(requester), id, true));
        clock.advance(RULES.challengeWindow() + 1);
        assertRejected(Fault.CHALLENGE_WINDOW_CLOSED, id, () -> ledger.challenge(requester, id, RULES.challengeBond()));
        assertThat(ledger.challengeOf(id)).isEmpty();
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - PRICE);
    }

    // --- feeds ------------------------------------------------------------------------------------------------

    private long openFeed(long budget) {
        return ledger.openFeed(requester, new FeedRequest(model, meter, PRICE, 600, budget));
    }

    @Test
    void feedOpensAJobPerReadingFromItsBudgetAndRefundsTheRestOnClose() {
        long budget = 3 * PRICE + 50;
        long feed = openFeed(budget);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - budget);
        assertThat(ledger.audit().escrowHeld()).isEqualTo(budget);
        assertThat(ledger.audit().escrowPosted()).isEqualTo(budget);

        int[][] xs = {input(37), input(38), input(39)};
        long[] jobs = new long[3];
        for (int i = 0; i < 3; i++) {
            jobs[i] = ledger.postFeedJob(feed, reading(xs[i]));
            JobView j = job(jobs[i]);
            assertThat(j.requester()).isEqualTo(requester);
            assertThat(j.escrowHeld()).isEqualTo(PRICE);
            assertThat(j.deadline()).isEqualTo(clock.now() + 600);
            assertThat(j.inputDigest()).isEqualTo(InputDigest.of(xs[i]));
        }
        assertThat(ledger.feed(feed).orElseThrow()).isEqualTo(new FeedView(feed, requester, model, meter, PRICE, 600,
                budget, 50, 3, true));
        assertRejected(Fault.FEED_BUDGET_EXHAUSTED, 0, () -> ledger.postFeedJob(feed, reading(input(40))));
        assertThat(settleHonestly(jobs[0], nodeA, xs[0])).isInstanceOf(Settlement.Paid.class);

        assertThat(ledger.closeFeed(requester, feed)).isEqualTo(50);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - budget + 50);
        assertRejected(Fault.FEED_CLOSED, 0, () -> ledger.closeFeed(requester, feed));
        assertRejected(Fault.FEED_CLOSED, 0, () -> ledger.postFeedJob(feed, reading(input(41))));
        clock.advance(601);
        ledger.tick();
        assertThat(job(jobs[1]).state()).isEqualTo(JobState.REFUNDED);
        assertThat(ledger.balanceOf(requester)).isEqualTo(10_000 - PRICE);
        LedgerAudit a = ledger.audit();
        assertThat(a.escrowHeld()).isZero();
        assertThat(a.escrowPosted()).isEqualTo(budget);
        assertThat(a.refunded()).isEqualTo(budget - PRICE);
    }

    @Test
    void feedRejectsWrongCallerWrongDeviceBadReadingsAndBadTerms() {
        int[] x = input(42);
        assertRejected(Fault.INVALID_REQUEST, 0, () -> openFeed(PRICE - 1));
        assertRejected(Fault.INSUFFICIENT_ESCROW, 0, () -> openFeed(10_001));
        assertRejected(Fault.UNKNOWN_DEVICE, 0, () -> ledger.openFeed(requester,
                new FeedRequest(model, new DeviceId("meter-99"), PRICE, 600, PRICE)));
        assertRejected(Fault.UNKNOWN_MODEL, 0, () -> ledger.openFeed(requester,
                new FeedRequest(new ModelId(new byte[32]), meter, PRICE, 600, PRICE)));
        long feed = openFeed(2 * PRICE);
        assertRejected(Fault.UNKNOWN_FEED, 0, () -> ledger.postFeedJob(feed + 1, reading(x)));
        assertRejected(Fault.NOT_FEED_OWNER, 0, () -> ledger.closeFeed(nodeA, feed));

        DeviceId other = new DeviceId("meter-2");
        ledger.registerDevice(owner, other, ProofFixtures.actorKey("meter-2").publicKey());
        SignedReading fromOther = new DeviceReading(other, clock.now(), 1, InputDigest.of(x))
                .sign(ProofFixtures.actorKey("meter-2"));
        assertRejected(Fault.WRONG_FEED_DEVICE, 0, () -> ledger.postFeedJob(feed, fromOther));
        SignedReading forged = new DeviceReading(meter, clock.now(), 1, InputDigest.of(x))
                .sign(ProofFixtures.actorKey("impostor"));
        assertRejected(Fault.BAD_DEVICE_SIGNATURE, 0, () -> ledger.postFeedJob(feed, forged));
        SignedReading r = reading(x);
        ledger.postFeedJob(feed, r);
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postFeedJob(feed, r));
        assertThat(ledger.feed(feed).orElseThrow().budgetLeft()).isEqualTo(PRICE);
        assertThat(ledger.feed(999)).isEmpty();
    }

    @Test
    void twoFeedsOnOneDeviceEachOpenAJobPerReadingButNotForReadingsBeforeTheyOpened() {
        SignedReading before = reading(input(43));
        postDeviceJobFor(before);
        long first = openFeed(2 * PRICE);
        long second = openFeed(2 * PRICE);
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postFeedJob(first, before));
        SignedReading r = reading(input(44));
        long a = ledger.postFeedJob(first, r);
        long b = ledger.postFeedJob(second, r);
        assertThat(a).isNotEqualTo(b);
        assertThat(job(a).inputDigest()).isEqualTo(job(b).inputDigest());
        assertRejected(Fault.REPLAYED_READING, 0, () -> ledger.postFeedJob(second, r));
        assertThat(ledger.audit().escrowHeld()).isEqualTo(5 * PRICE);
    }

    private void postDeviceJobFor(SignedReading r) {
        ledger.postJob(requester, new JobRequest(model, new JobInput.Device(r), PRICE, clock.now() + 600));
    }
}
