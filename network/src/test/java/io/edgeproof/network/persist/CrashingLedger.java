package io.edgeproof.network.persist;

import io.edgeproof.ledger.Ledger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A ledger that lets one chosen operation commit and then "crashes" the caller (throws {@link Crash}, an
 * Error nobody catches): the process dies between the ledger's commit and the gateway's own record. With
 * the operation named "before:op" it dies before the ledger sees the call instead. A proxy, so it follows
 * the {@link Ledger} port as the port grows.
 */
final class CrashingLedger {
    /** The simulated kill -9. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(String op) {
            super("simulated crash " + (op.startsWith("before:") ? op : "after the ledger committed " + op));
        }
    }

    private CrashingLedger() {}

    static Ledger wrap(Ledger inner, String crashAt) {
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    if (("before:" + method.getName()).equals(crashAt)) {
                        throw new Crash(crashAt);
                    }
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals(crashAt)) {
                        throw new Crash(crashAt);
                    }
                    return result;
                });
    }
}
