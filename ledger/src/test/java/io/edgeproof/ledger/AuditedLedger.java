package io.edgeproof.ledger;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a ledger so that its invariants are checked after every call, whether it succeeded or threw. */
final class AuditedLedger {
    private AuditedLedger() {}

    static Ledger wrap(Ledger target, AtomicInteger audits) {
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (!method.getName().equals("close")) {
                            target.audit().check();
                            audits.incrementAndGet();
                        }
                    }
                });
    }
}
