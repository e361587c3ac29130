package io.edgeproof.ledger.evm;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.LedgerException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/**
 * JSON-RPC to a local development chain (anvil): every caller sends as its own address through anvil's
 * impersonation, and the chain's block time follows the ledger's injected clock. Each transaction is first
 * simulated with eth_call, so a rejection ({@code Rejected(uint8)}) becomes a {@link LedgerException} and
 * nothing is mined; the simulation also gives the call's return values.
 */
final class EvmChain implements AutoCloseable {
    private static final String REJECTED_SELECTOR = "0x" + org.web3j.crypto.Hash.sha3String("Rejected(uint8)").substring(2, 10);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(30_000_000);
    private static final String ETHER_FOR_GAS = "0x3635c9adc5dea00000"; // 1000 ether

    private final Web3j web3j;
    private final HttpService service;
    private final InstantSource clock;
    private final GasMeter gas;
    private final Set<String> funded = new HashSet<>();
    private long chainTime;

    EvmChain(String rpcUrl, InstantSource clock, GasMeter gas) {
        this.service = new HttpService(rpcUrl);
        this.web3j = Web3j.build(service);
        this.clock = clock;
        this.gas = gas;
        rpc("anvil_autoImpersonateAccount", List.of(true));
        rpc("anvil_setBlockTimestampInterval", List.of(0));
        try {
            chainTime = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException("no chain at " + rpcUrl, e);
        }
    }

    long chainId() {
        try {
            return web3j.ethChainId().send().getChainId().longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves the chain's clock up to the ledger's clock (never back) by mining an empty block at that time. */
    void syncTime() {
        long now = clock.instant().getEpochSecond();
        if (now > chainTime) {
            rpc("evm_setNextBlockTimestamp", List.of(now));
            rpc("evm_mine", List.of());
            chainTime = now;
        }
    }

    /** A read-only call at the latest block; a rejection throws {@link LedgerException}. */
    @SuppressWarnings("rawtypes")
    List<Type> call(Address from, String to, Function f) {
        EthCall r = ethCall(from, to, FunctionEncoder.encode(f));
        return FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
    }

    /** Simulates, then mines the transaction; records its gas under {@code operation}. Returns the simulation's values. */
    @SuppressWarnings("rawtypes")
    Sent send(String operation, Address from, String to, Function f) {
        syncTime();
        String data = FunctionEncoder.encode(f);
        EthCall simulated = ethCall(from, to, data);
        TransactionReceipt receipt = mine(operation, from, to, data);
        return new Sent(FunctionReturnDecoder.decode(simulated.getValue(), f.getOutputParameters()), receipt);
    }

    /** Deploys {@code bin} with ABI-encoded constructor arguments; returns the contract's address. */
    String deploy(String operation, Address from, String bin, String encodedArgs) {
        return mine(operation, from, null, "0x" + bin.strip() + encodedArgs).getContractAddress();
    }

    @SuppressWarnings("rawtypes")
    record Sent(List<Type> values, TransactionReceipt receipt) {}

    List<EthLog.LogResult<?>> logs(EthFilter filter) {
        try {
            EthLog r = web3j.ethGetLogs(filter).send();
            if (r.hasError()) {
                throw new IllegalStateException("eth_getLogs: " + r.getError().getMessage());
            }
            return r.getLogs();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private EthCall ethCall(Address from, String to, String data) {
        try {
            EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(from.hex(), to, data),
                    DefaultBlockParameterName.LATEST).send();
            if (r.hasError()) {
                String revert = r.getError().getData() == null ? "" : r.getError().getData().replace("\"", "");
                if (revert.startsWith(REJECTED_SELECTOR) && revert.length() == 10 + 64) {
                    int code = new BigInteger(revert.substring(10), 16).intValueExact();
                    throw new LedgerException(Fault.values()[code], "rejected by the contract at " + to);
                }
                throw new IllegalStateException("call reverted: " + r.getError().getMessage() + " " + revert);
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TransactionReceipt mine(String operation, Address from, String to, String data) {
        fund(from);
        try {
            var sent = web3j.ethSendTransaction(Transaction.createFunctionCallTransaction(from.hex(), null, null,
                    GAS_LIMIT, to, BigInteger.ZERO, data)).send();
            if (sent.hasError()) {
                throw new IllegalStateException(operation + ": " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = receipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new IllegalStateException(operation + " reverted on chain after a passing simulation");
            }
            gas.record(operation, receipt.getGasUsed().longValueExact());
            return receipt;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** anvil mines on arrival, so the receipt is there at once; a short poll covers a slower node. */
    private TransactionReceipt receipt(String hash) throws IOException {
        for (int i = 0; i < 500; i++) {
            var r = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (r.isPresent()) {
                return r.get();
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no receipt for " + hash);
    }

    /** Impersonated senders still pay gas: give each a development balance of ether once. */
    private void fund(Address a) {
        if (funded.add(a.hex())) {
            rpc("anvil_setBalance", List.of(a.hex(), ETHER_FOR_GAS));
        }
    }

    /** Development chains only: saves the whole chain state; {@link #revert} goes back to it (once per id). */
    String snapshot() {
        return String.valueOf(rpc("evm_snapshot", List.of()));
    }

    void revert(String snapshotId) {
        if (!Boolean.TRUE.equals(rpc("evm_revert", List.of(snapshotId)))) {
            throw new IllegalStateException("evm_revert " + snapshotId + " failed");
        }
    }

    private Object rpc(String method, List<?> params) {
        try {
            Response<?> r = new Request<>(method, params, service, Response.class).send();
            if (r.hasError()) {
                throw new IllegalStateException(method + ": " + r.getError().getMessage());
            }
            return r.getResult();
        } catch (IOException e) {
            throw new IllegalStateException(method, e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
