package io.edgeproof.cli;

import io.edgeproof.ledger.Ledger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A ledger whose every call runs under one lock, for a back end that is not thread-safe ({@code EvmLedger}:
 * one web3j client moving anvil's block time before each transaction) behind the gateway's API threads and
 * ticker. Calls the ledger makes back into it inside {@link Ledger#batch} take the same (reentrant) lock.
 */
final class SerializedLedger {
    private SerializedLedger() {}

    static Ledger wrap(Ledger ledger) {
        Object lock = new Object();
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    synchronized (lock) {
                        try {
                            return method.invoke(ledger, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }
}
