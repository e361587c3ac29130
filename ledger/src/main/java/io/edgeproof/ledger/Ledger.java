package io.edgeproof.ledger;

import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The network's rules, one port for every back end. Callers are identified by address as a chain's
 * msg.sender would be: the embedded ledger trusts its in-process caller, so whoever exposes it (the
 * gateway) must authenticate requests first. Time comes from the ledger's own clock, in seconds.
 *
 * <p>Every mutating method is atomic: it either commits in full or throws {@link LedgerException} with a
 * {@link Fault} and changes nothing. Faults that punish a node are not exceptions but committed outcomes
 * ({@link Settlement.Faulted}, or jobs reopened by {@link #tick()}).
 */
public interface Ledger extends AutoCloseable {
    long chainId();

    LedgerRules rules();

    /**
     * True when {@link #submitResult} may be called from several threads at once: each call verifies outside
     * the back end's lock and commits only the attempt it admitted, so a caller may settle different nodes'
     * results in parallel. When false, callers serialise their calls.
     */
    default boolean settlesConcurrently() {
        return false;
    }

    /**
     * Runs {@code calls}, a sequence of this ledger's own calls, as one durable unit where the back end can:
     * the embedded ledger makes it one transaction, one fsync instead of one per call. Each call stays
     * atomic on its own (one that throws changes nothing, and the batch goes on if the caller catches it);
     * a crash before the batch returns loses all of its calls, so act on their results only after it
     * returns. Meant for bookkeeping calls (assign, heartbeat): a proof verified inside a batch holds the
     * back end's lock. By default the calls just run one by one.
     */
    default <T> T batch(Supplier<T> calls) {
        return calls.get();
    }

    /** Genesis/faucet allocation; the only way tokens enter the ledger. */
    void mint(Address to, long amount);

    /** Moves {@code stake} from the node's balance to its stake; the node starts ONLINE (heartbeat = now). */
    void registerNode(Address node, long stake, NodeResources resources);

    /** Records liveness; brings an OFFLINE node back ONLINE. */
    void heartbeat(Address node);

    /** Stops new assignments; the stake can be withdrawn after the unbonding period if no job is held. */
    void unbond(Address node);

    /** Returns the remaining stake to the node's balance; the node is EXITED. */
    void withdrawStake(Address node);

    /** Registers a model by its verifier key; returns the model id the key commits to. */
    ModelId registerModel(Address owner, byte[] verifierKey);

    /** Registers a device and its secp256k1 public key (33 or 65 bytes). */
    void registerDevice(Address owner, DeviceId device, byte[] publicKey);

    /** Checks the input (device signature and sequence), escrows the price, returns the new job id. */
    long postJob(Address requester, JobRequest request);

    /** Assigns an open, unassigned job to an eligible node that has not failed it. */
    void assign(long jobId, Address node);

    /**
     * Verifies the assigned node's proof under {@link JobContext} (this chain, the job, the node) and the
     * job's input binding, then pays the price from escrow, or slashes the node and reopens the job.
     */
    Settlement submitResult(long jobId, Address node, byte[] proof, int[] outputs);

    /**
     * The assigned node gives the job back because it cannot run it (e.g. the fetched model or input failed
     * its checks): the job reopens at once (FAULTED, lastFault JOB_RELEASED) for another node, the node is
     * excluded from it and loses 1 reputation point but no stake; the escrow stays whole. Only before the
     * assignment deadline (else RELEASE_TOO_LATE: the deadline rule applies).
     */
    void releaseJob(long jobId, Address node);

    /**
     * Applies time: marks silent nodes OFFLINE and reopens their jobs (NODE_OFFLINE), slashes nodes past
     * their assignment deadline (DEADLINE_MISSED), refunds jobs past their own deadline. Returns the events.
     */
    List<LedgerEvent> tick();

    // --- epoch rewards ----------------------------------------------------------------------------------------

    /**
     * Closes an ended epoch (anyone may): mints its emission into the reward pool, the work part only if a
     * job was verified in it and the uptime part only if an uptime point was earned. EPOCH_NOT_OVER before
     * its end, EPOCH_ALREADY_CLOSED the second time.
     */
    EpochView closeEpoch(long epoch);

    /** Pays the node its share of a closed epoch from the reward pool (once); returns the amount. */
    long claimReward(Address node, long epoch);

    /** The epoch's totals (all zero for an epoch nobody worked in). */
    EpochView epoch(long epoch);

    /** The node's jobs, uptime points and reward in the epoch. */
    EpochShare epochShare(long epoch, Address node);

    // --- challenges ---------------------------------------------------------------------------------------------

    /**
     * Disputes a paid result within {@link LedgerRules#challengeWindow()} of its payment, posting
     * {@code bond} (at least {@link LedgerRules#challengeBond()}) from the challenger's balance. What decides
     * it is the back end's: the EVM ledger holds the bond until the arbiter resolves it (OPEN); the embedded
     * ledger, which verified the proof itself, re-verifies the stored proof at once and returns the verdict.
     */
    ChallengeView challenge(Address challenger, long jobId, long bond);

    /**
     * The arbiter decides an OPEN challenge. Upheld: the prover and every attester that vouched for the
     * result lose {@link LedgerRules#slashBasisPoints()} of their stake, the challenger gets its bond back
     * plus a reward of min(bond, slashed) from the slashes, the job is OVERTURNED. Rejected: the bond goes
     * to the slashed pool.
     */
    ChallengeView resolveChallenge(Address arbiter, long jobId, boolean upheld);

    Optional<ChallengeView> challengeOf(long jobId);

    // --- feeds ----------------------------------------------------------------------------------------------

    /** Escrows the whole budget from the requester's balance and opens the feed; returns its id. */
    long openFeed(Address requester, FeedRequest request);

    /**
     * A new signed reading of the feed's device (anyone may relay it: the device's signature and sequence
     * authenticate it) opens a job of the feed's price, paid into escrow from the feed's budget, requested
     * by the feed's owner. Returns the job id.
     */
    long postFeedJob(long feedId, SignedReading reading);

    /** The owner closes the feed: what is left of the budget is refunded; returns that amount. */
    long closeFeed(Address requester, long feedId);

    Optional<FeedView> feed(long feedId);

    // --- views --------------------------------------------------------------------------------------------------

    long balanceOf(Address account);

    Optional<NodeView> node(Address node);

    Optional<JobView> job(long jobId);

    /** Events with sequence number above {@code afterSeq}, in order, at most {@code limit}. */
    List<LedgerEvent> events(long afterSeq, int limit);

    /** The books; call {@link LedgerAudit#check()} to assert the invariants. */
    LedgerAudit audit();

    @Override
    void close();
}
