package io.edgeproof.ledger.evm;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;

/** Thin helpers over web3j's ABI types, so that the ledger reads as calls rather than encoding. */
final class Abi {
    private Abi() {}

    @SafeVarargs
    static Function fn(String name, List<Type> inputs, Class<? extends Type>... outputs) {
        List<TypeReference<?>> outs = new ArrayList<>();
        for (Class<? extends Type> c : outputs) {
            outs.add(TypeReference.create(c));
        }
        return new Function(name, inputs, outs);
    }

    @SuppressWarnings("rawtypes")
    static List<Type> args(Type... values) {
        return Arrays.asList(values);
    }

    static org.web3j.abi.datatypes.Address address(Address a) {
        return new org.web3j.abi.datatypes.Address(a.hex());
    }

    static Bytes32 bytes32(byte[] b) {
        return new Bytes32(b);
    }

    @SuppressWarnings("rawtypes")
    static long num(List<Type> values, int i) {
        BigInteger v = ((NumericType) values.get(i)).getValue();
        return v.longValueExact();
    }

    @SuppressWarnings("rawtypes")
    static boolean bool(List<Type> values, int i) {
        return ((Bool) values.get(i)).getValue();
    }

    @SuppressWarnings("rawtypes")
    static byte[] bytes(List<Type> values, int i) {
        return ((Bytes32) values.get(i)).getValue();
    }

    @SuppressWarnings("rawtypes")
    static Address addr(List<Type> values, int i) {
        return Address.ofHex(((org.web3j.abi.datatypes.Address) values.get(i)).getValue());
    }

    /** A signed reading as the contract takes it: device id, timestamp, sequence, reading hash, r, s. */
    @SuppressWarnings("rawtypes")
    static List<Type> reading(SignedReading signed) {
        DeviceReading r = signed.reading();
        byte[] sig = signed.signature();
        return List.of(new Utf8String(r.deviceId().value()), new Uint64(r.timestamp()), new Uint64(r.sequence()),
                bytes32(r.readingHash()), bytes32(Arrays.copyOfRange(sig, 0, 32)), bytes32(Arrays.copyOfRange(sig, 32, 64)));
    }

    /** Several argument groups as one argument list. */
    @SafeVarargs
    @SuppressWarnings("rawtypes")
    static List<Type> concat(List<Type>... parts) {
        List<Type> all = new ArrayList<>();
        for (List<Type> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    static boolean isZero(Address a) {
        return Arrays.equals(a.bytes(), new byte[Address.BYTES]);
    }
}
