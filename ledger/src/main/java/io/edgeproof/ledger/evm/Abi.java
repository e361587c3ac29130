package io.edgeproof.ledger.evm;

import io.edgeproof.ledger.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.NumericType;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;

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

    static boolean isZero(Address a) {
        return Arrays.equals(a.bytes(), new byte[Address.BYTES]);
    }
}
