package io.edgeproof.ledger.evm;

import static io.edgeproof.ledger.evm.Abi.addr;
import static io.edgeproof.ledger.evm.Abi.address;
import static io.edgeproof.ledger.evm.Abi.args;
import static io.edgeproof.ledger.evm.Abi.bool;
import static io.edgeproof.ledger.evm.Abi.bytes;
import static io.edgeproof.ledger.evm.Abi.bytes32;
import static io.edgeproof.ledger.evm.Abi.concat;
import static io.edgeproof.ledger.evm.Abi.fn;
import static io.edgeproof.ledger.evm.Abi.isZero;
import static io.edgeproof.ledger.evm.Abi.num;
import static io.edgeproof.ledger.evm.Abi.reading;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.ChallengeView;
import io.edgeproof.ledger.EpochShare;
import io.edgeproof.ledger.EpochView;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.FeedRequest;
import io.edgeproof.ledger.FeedView;
import io.edgeproof.ledger.JobContext;
import io.edgeproof.ledger.JobInput;
import io.edgeproof.ledger.JobRequest;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.Ledger;
import io.edgeproof.ledger.LedgerAudit;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.LedgerException;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.NodeView;
import io.edgeproof.ledger.ProofRejectedException;
import io.edgeproof.ledger.ProofVerifier;
import io.edgeproof.ledger.Settlement;
import io.edgeproof.ledger.VerifiedResult;
import io.edgeproof.ledger.crypto.Keccak256;
import io.edgeproof.ledger.crypto.Secp256k1;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.SignedReading;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The ledger on an EVM chain (ledger/contracts, deployed by {@link #deploy}). The rules run in the contracts;
 * this class is the client: it sends each caller's transaction as that caller, and it plays the verifier
 * nodes: after a node commits to its proof and outputs on chain, {@code quorum} other staked nodes each run
 * the Java verifier and attest their verdict, and the contract settles on the first verdict with a quorum.
 */
@SuppressWarnings("rawtypes")
public final class EvmLedger implements Ledger {
    private static final int NONE = 255;
    private static final Address ANVIL_ADMIN = Address.ofHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static final Address ANVIL_ARBITER = Address.ofHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    private static final Event LOGGED = new Event("Logged", List.of(TypeReference.create(Uint8.class),
            TypeReference.create(Uint64.class), TypeReference.create(org.web3j.abi.datatypes.Address.class),
            TypeReference.create(Uint64.class), TypeReference.create(Uint8.class), TypeReference.create(Uint64.class)));
    private static final Event VERIFIER_KEY = new Event("VerifierKey",
            List.of(new TypeReference<Bytes32>(true) {}, TypeReference.create(DynamicBytes.class)));

    private final EvmChain chain;
    private final EvmDeployment d;
    private final LedgerRules rules;
    private final ProofVerifier verifier;
    private final long chainId;
    private final Map<ModelId, byte[]> verifierKeys = new HashMap<>();
    private final Allowances allowances;
    private final EvmRewards rewards;
    private final EvmChallenges challenges;
    private final EvmFeeds feeds;

    private EvmLedger(EvmChain chain, EvmDeployment deployment, LedgerRules rules, ProofVerifier verifier) {
        this.chain = chain;
        this.d = deployment;
        this.rules = rules;
        this.verifier = verifier;
        this.chainId = chain.chainId();
        this.allowances = new Allowances(chain, deployment.token());
        this.rewards = new EvmRewards(chain, deployment);
        this.challenges = new EvmChallenges(chain, deployment, allowances);
        this.feeds = new EvmFeeds(chain, deployment, allowances);
    }

    /**
     * Deploys fresh contracts on a development chain (anvil) whose accounts 0 and 1 act as admin and arbiter;
     * {@code quorum} attestations settle a result, each attester earning {@code attestFeeBps} of the price.
     */
    public static EvmLedger deploy(String rpcUrl, Path artifacts, LedgerRules rules, int quorum, int attestFeeBps,
                                   InstantSource clock, ProofVerifier verifier, GasMeter gas) {
        EvmChain chain = new EvmChain(rpcUrl, clock, gas);
        EvmDeployment d = EvmDeployment.deploy(chain, artifacts, ANVIL_ADMIN, ANVIL_ARBITER, rules, quorum,
                attestFeeBps);
        return new EvmLedger(chain, d, rules, verifier);
    }

    /** Reconnects to a deployment; refuses rules other than the ones the contracts were deployed with. */
    public static EvmLedger connect(String rpcUrl, EvmDeployment d, LedgerRules rules, InstantSource clock,
                                    ProofVerifier verifier, GasMeter gas) {
        EvmChain chain = new EvmChain(rpcUrl, clock, gas);
        LedgerRules deployed = new LedgerRules(rule(chain, d, d.registry(), "minStake"),
                (int) rule(chain, d, d.registry(), "slashBps"), rule(chain, d, d.registry(), "heartbeatTimeout"),
                rule(chain, d, d.market(), "assignmentWindow"), rule(chain, d, d.registry(), "unbondingPeriod"),
                rule(chain, d, d.registry(), "epochLength"), rule(chain, d, d.registry(), "epochEmission"),
                (int) rule(chain, d, d.registry(), "workRewardBps"), rule(chain, d, d.market(), "challengeWindow"),
                rule(chain, d, d.market(), "challengeBond"));
        if (!deployed.equals(rules)) {
            chain.close();
            throw new IllegalStateException("the deployment's rules are " + deployed + ", not " + rules);
        }
        return new EvmLedger(chain, d, rules, verifier);
    }

    /** A public numeric constant of a contract (all rules are uint16 or uint64, which decode alike). */
    private static long rule(EvmChain chain, EvmDeployment d, String contract, String name) {
        return num(chain.call(d.admin(), contract, fn(name, args(), Uint64.class)), 0);
    }

    public EvmDeployment deployment() {
        return d;
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public LedgerRules rules() {
        return rules;
    }

    @Override
    public void mint(Address to, long amount) {
        chain.send("mint", d.admin(), d.token(), fn("mint", args(address(to), new Uint64(amount))));
    }

    @Override
    public void registerNode(Address node, long stake, NodeResources r) {
        if (stake < rules.minStake()) {
            throw new LedgerException(Fault.STAKE_TOO_LOW, stake + " < minimum " + rules.minStake());
        }
        allowances.ensure(node, d.registry());
        List<Bytes32> models = r.models().stream().map(m -> bytes32(m.bytes())).toList();
        chain.send("registerNode", node, d.registry(), fn("register", args(new Uint64(stake), new Uint32(r.cores()),
                new Uint64(r.memoryMb()), new Uint32(r.gpus()), new Uint64(r.storageGb()),
                new DynamicArray<>(Bytes32.class, models))));
    }

    @Override
    public void heartbeat(Address node) {
        chain.send("heartbeat", node, d.registry(), fn("heartbeat", args()));
    }

    @Override
    public void unbond(Address node) {
        chain.send("unbond", node, d.registry(), fn("unbond", args()));
    }

    @Override
    public void withdrawStake(Address node) {
        chain.send("withdrawStake", node, d.registry(), fn("withdraw", args()));
    }

    @Override
    public ModelId registerModel(Address owner, byte[] verifierKey) {
        ModelId id = verifier.modelIdOf(verifierKey);
        chain.send("registerModel", owner, d.models(), fn("register", args(bytes32(id.bytes()),
                new DynamicBytes(verifierKey))));
        return id;
    }

    /** The device is registered by the address of its key, which is checked here (the contract cannot). */
    @Override
    public void registerDevice(Address owner, DeviceId device, byte[] publicKey) {
        Address key;
        try {
            key = Address.ofPublicKey(Secp256k1.uncompressed(publicKey));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(Fault.BAD_PUBLIC_KEY, e.getMessage());
        }
        chain.send("registerDevice", owner, d.market(), fn("registerDevice",
                args(new Utf8String(device.value()), address(key))));
    }

    @Override
    public long postJob(Address requester, JobRequest request) {
        if (request.price() <= 0) {
            throw new LedgerException(Fault.INVALID_REQUEST, "the price must be positive");
        }
        allowances.ensure(requester, d.market());
        Uint64 price = new Uint64(request.price());
        Uint64 deadline = new Uint64(Math.max(0, request.deadline()));
        Bytes32 model = bytes32(request.model().bytes());
        EvmChain.Sent sent;
        if (request.input() instanceof JobInput.Device device) {
            sent = chain.send("postJob (device)", requester, d.market(), fn("postDeviceJob",
                    concat(args(model, price, deadline), reading(device.reading())), Uint64.class));
        } else {
            sent = chain.send("postJob (public)", requester, d.market(), fn("postPublicJob", args(model,
                    bytes32(request.input().digest()), price, deadline), Uint64.class));
        }
        return num(sent.values(), 0);
    }

    @Override
    public void assign(long jobId, Address node) {
        chain.send("assign", d.admin(), d.market(), fn("assign", args(new Uint64(jobId), address(node))));
    }

    /**
     * The node commits to keccak256(proof) and the hash of its outputs; a late or replayed proof is faulted by
     * the contract at once. Otherwise the verifier nodes (staked, not the prover) verify and attest until the
     * quorum settles the attempt.
     */
    @Override
    public Settlement submitResult(long jobId, Address node, byte[] proof, int[] outputs) {
        EvmChain.Sent sent = chain.send("submitResult", node, d.market(), fn("submitResult", args(new Uint64(jobId),
                bytes32(Keccak256.hash(proof)), bytes32(resultHash(outputs))), Uint8.class));
        if (num(sent.values(), 0) != NONE) {
            return faulted(jobId, sent.receipt());
        }
        List<Type> job = jobValues(jobId).orElseThrow();
        int attestations = 0;
        for (Address v : verifierNodes(node)) {
            int verdict = verdict(jobId, node, job, proof);
            boolean settles = ++attestations == d.quorum();
            TransactionReceipt r = chain.send(settles ? "attest (k-th: settles, pays fees)" : "attest (before quorum)",
                    v, d.market(), fn("attest", args(new Uint64(jobId), new Uint8(verdict)))).receipt();
            if (settles) {
                return settled(jobId, r, outputs);
            }
        }
        throw new IllegalStateException("job " + jobId + " waits for attestations: fewer than " + d.quorum()
                + " verifier nodes besides the prover");
    }

    /** What one verifier node finds: NONE, or the fault (as the embedded ledger orders its checks). */
    private int verdict(long jobId, Address prover, List<Type> job, byte[] proof) {
        if (!Arrays.equals(Keccak256.hash(proof), bytes(job, 14))) {
            return Fault.MALFORMED_PROOF.ordinal();
        }
        ModelId model = new ModelId(bytes(job, 12));
        VerifiedResult result;
        try {
            result = verifier.verify(verifierKey(model), proof, new JobContext(chainId, jobId, prover).toBytes());
        } catch (ProofRejectedException e) {
            return e.fault().ordinal();
        }
        if (!result.model().equals(model)) {
            return Fault.WRONG_MODEL.ordinal();
        }
        if (!Arrays.equals(result.inputDigest(), bytes(job, 13))) {
            return Fault.WRONG_INPUT_BINDING.ordinal();
        }
        if (!Arrays.equals(resultHash(result.outputs()), bytes(job, 15))) {
            return Fault.OUTPUT_MISMATCH.ordinal();
        }
        return NONE;
    }

    /** keccak256("edgeproof/result/v1" || each output as i32 BE): what a node commits to on chain. */
    static byte[] resultHash(int[] outputs) {
        ByteBuffer b = ByteBuffer.allocate(4 * outputs.length);
        for (int o : outputs) {
            b.putInt(o);
        }
        return Keccak256.hash("edgeproof/result/v1".getBytes(StandardCharsets.US_ASCII), b.array());
    }

    private List<Address> verifierNodes(Address prover) {
        long count = num(chain.call(d.admin(), d.registry(), fn("nodeCount", args(), Uint256.class)), 0);
        List<Address> out = new ArrayList<>();
        for (long i = 0; i < count && out.size() < d.quorum(); i++) {
            Address a = addr(chain.call(d.admin(), d.registry(), fn("nodeList", args(new Uint256(i)),
                    org.web3j.abi.datatypes.Address.class)), 0);
            if (!a.equals(prover) && bool(chain.call(d.admin(), d.registry(), fn("canAttest", args(address(a)),
                    Bool.class)), 0)) {
                out.add(a);
            }
        }
        return out;
    }

    /** The key published at registration, checked against the hash the model registry stores. */
    private byte[] verifierKey(ModelId model) {
        return verifierKeys.computeIfAbsent(model, m -> {
            EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    d.models()).addSingleTopic(EventEncoder.encode(VERIFIER_KEY))
                    .addSingleTopic("0x" + m.hex());
            for (var result : chain.logs(filter)) {
                Log log = (Log) result.get();
                byte[] key = ((DynamicBytes) FunctionReturnDecoder.decode(log.getData(),
                        VERIFIER_KEY.getNonIndexedParameters()).get(0)).getValue();
                byte[] stored = bytes(chain.call(d.admin(), d.models(), fn("models", args(bytes32(m.bytes())),
                        org.web3j.abi.datatypes.Address.class, Bytes32.class, Uint64.class)), 1);
                if (Arrays.equals(Keccak256.hash(key), stored)) {
                    return key;
                }
            }
            throw new IllegalStateException("no published verifier key for model " + m);
        });
    }

    /** The settling attestation's outcome, read from its logs: JOB_PAID (the node's share) or NODE_FAULTED. */
    private Settlement settled(long jobId, TransactionReceipt receipt, int[] outputs) {
        for (LedgerEvent e : decode(receipt.getLogs(), 0)) {
            if (e.type() == EventType.JOB_PAID && e.jobId() == jobId) {
                return new Settlement.Paid(jobId, e.address(), e.amount(), outputs);
            }
        }
        return faulted(jobId, receipt);
    }

    private Settlement.Faulted faulted(long jobId, TransactionReceipt receipt) {
        for (LedgerEvent e : decode(receipt.getLogs(), 0)) {
            if (e.type() == EventType.NODE_FAULTED && e.jobId() == jobId) {
                return new Settlement.Faulted(jobId, e.address(), e.fault(), e.amount(), e.detail());
            }
        }
        throw new IllegalStateException("job " + jobId + ": no fault logged by " + receipt.getTransactionHash());
    }

    @Override
    public void releaseJob(long jobId, Address node) {
        chain.send("releaseJob", node, d.market(), fn("release", args(new Uint64(jobId))));
    }

    @Override
    public List<LedgerEvent> tick() {
        long before = allEvents().size();
        chain.send("tick", d.admin(), d.market(), fn("tick", args()));
        return events(before, Integer.MAX_VALUE);
    }

    @Override
    public EpochView closeEpoch(long epoch) {
        return rewards.close(epoch);
    }

    @Override
    public long claimReward(Address node, long epoch) {
        return rewards.claim(node, epoch);
    }

    @Override
    public EpochView epoch(long epoch) {
        return rewards.view(epoch);
    }

    @Override
    public EpochShare epochShare(long epoch, Address node) {
        return rewards.share(epoch, node);
    }

    /** The bond is held by the market until the arbiter resolves the challenge (status OPEN). */
    @Override
    public ChallengeView challenge(Address challenger, long jobId, long bond) {
        return challenges.challenge(challenger, jobId, bond);
    }

    @Override
    public ChallengeView resolveChallenge(Address arbiter, long jobId, boolean upheld) {
        return challenges.resolve(arbiter, jobId, upheld);
    }

    @Override
    public Optional<ChallengeView> challengeOf(long jobId) {
        return challenges.view(jobId);
    }

    @Override
    public long openFeed(Address requester, FeedRequest request) {
        return feeds.open(requester, request);
    }

    /** Relayed by the deployment's admin key (the gateway); the device's signature authenticates the reading. */
    @Override
    public long postFeedJob(long feedId, SignedReading reading) {
        return feeds.postJob(feedId, reading);
    }

    @Override
    public long closeFeed(Address requester, long feedId) {
        return feeds.close(requester, feedId);
    }

    @Override
    public Optional<FeedView> feed(long feedId) {
        return feeds.view(feedId);
    }

    @Override
    public long balanceOf(Address account) {
        return num(chain.call(account, d.token(), fn("balanceOf", args(address(account)), Uint256.class)), 0);
    }

    @Override
    public Optional<NodeView> node(Address node) {
        List<Type> n = chain.call(node, d.registry(), fn("nodeOf", args(address(node)), Bool.class, Uint8.class,
                Uint64.class, Uint64.class, Uint64.class, Uint64.class, Uint32.class, Uint64.class, Uint64.class,
                Uint32.class, Uint64.class, Uint32.class, Uint64.class));
        if (!bool(n, 0)) {
            return Optional.empty();
        }
        List<Type> models = chain.call(node, d.registry(), new org.web3j.abi.datatypes.Function("modelsOf",
                args(address(node)), List.of(new TypeReference<DynamicArray<Bytes32>>() {})));
        Set<ModelId> served = new HashSet<>();
        for (Object m : ((DynamicArray<?>) models.get(0)).getValue()) {
            served.add(new ModelId(((Bytes32) m).getValue()));
        }
        NodeResources res = new NodeResources((int) num(n, 9), num(n, 10), (int) num(n, 11), num(n, 12), served);
        return Optional.of(new NodeView(node, num(n, 2), NodeStatus.values()[(int) num(n, 1)], num(n, 3), num(n, 4),
                num(n, 5), (int) num(n, 6), num(n, 7), num(n, 8), res));
    }

    @Override
    public Optional<JobView> job(long jobId) {
        return jobValues(jobId).map(j -> {
            Address node = addr(j, 11);
            int fault = (int) num(j, 2);
            return new JobView(jobId, addr(j, 0), new ModelId(bytes(j, 12)), bytes(j, 13), num(j, 5), num(j, 6),
                    num(j, 7), num(j, 8), JobState.values()[(int) num(j, 1)], isZero(node) ? null : node,
                    (int) num(j, 4), num(j, 9), fault == NONE ? null : Fault.values()[fault]);
        });
    }

    /** The Job struct's 16 fields in declaration order (see JobMarket.sol), or empty for an unknown id. */
    private Optional<List<Type>> jobValues(long jobId) {
        try {
            return Optional.of(chain.call(d.admin(), d.market(), fn("jobOf", args(new Uint64(jobId)),
                    org.web3j.abi.datatypes.Address.class, Uint8.class, Uint8.class, Bool.class, Uint32.class,
                    Uint64.class, Uint64.class, Uint64.class, Uint64.class, Uint64.class, Uint64.class,
                    org.web3j.abi.datatypes.Address.class, Bytes32.class, Bytes32.class, Bytes32.class, Bytes32.class)));
        } catch (LedgerException e) {
            if (e.fault() == Fault.UNKNOWN_JOB) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<LedgerEvent> events(long afterSeq, int limit) {
        List<LedgerEvent> all = allEvents();
        int from = (int) Math.min(all.size(), Math.max(0, afterSeq));
        return List.copyOf(all.subList(from, (int) Math.min(all.size(), (long) from + limit)));
    }

    /** Every Logged entry of the four contracts in chain order, numbered from 1. */
    private List<LedgerEvent> allEvents() {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                List.of(d.token(), d.registry(), d.models(), d.market())).addSingleTopic(EventEncoder.encode(LOGGED));
        List<Log> logs = new ArrayList<>();
        chain.logs(filter).forEach(r -> logs.add((Log) r.get()));
        logs.sort((a, b) -> a.getBlockNumber().equals(b.getBlockNumber())
                ? a.getLogIndex().compareTo(b.getLogIndex()) : a.getBlockNumber().compareTo(b.getBlockNumber()));
        return decode(logs, 0);
    }

    private List<LedgerEvent> decode(List<Log> logs, long firstSeq) {
        String topic = EventEncoder.encode(LOGGED);
        List<LedgerEvent> out = new ArrayList<>();
        long seq = firstSeq;
        for (Log log : logs) {
            if (log.getTopics().isEmpty() || !log.getTopics().get(0).equals(topic)) {
                continue;
            }
            List<Type> v = FunctionReturnDecoder.decode(log.getData(), LOGGED.getNonIndexedParameters());
            EventType type = EventType.values()[(int) num(v, 0)];
            int code = (int) num(v, 4);
            Fault fault = code == NONE ? null : Fault.values()[code];
            String detail = fault != null ? fault.description() : type.name().toLowerCase().replace('_', ' ')
                    + " " + num(v, 3);
            Address account = addr(v, 2);
            out.add(new LedgerEvent(++seq, num(v, 5), type, num(v, 1), isZero(account) ? null : account, num(v, 3),
                    fault, detail));
        }
        return out;
    }

    @Override
    public LedgerAudit audit() {
        List<Type> a = chain.call(d.admin(), d.market(), fn("audit", args(), Uint256.class, Uint256.class,
                Uint256.class, Uint256.class, Uint256.class, Uint256.class, Uint256.class, Uint256.class, Uint256.class,
                Uint256.class));
        return new LedgerAudit(num(a, 0), num(a, 1), num(a, 2), num(a, 3), num(a, 4), num(a, 5), num(a, 6), num(a, 7),
                num(a, 8), num(a, 9));
    }

    @Override
    public void close() {
        chain.close();
    }
}
