package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.VerifierKey;

/**
 * What a device needs to commit to a model's input: the commitment parameters and the input's public
 * layout (rows of cols values per sample, padded to powers of two, columns low). Read from either kind of
 * verifier key.
 */
public record InputLayout(BasefoldParams params, ZkCircuit circuit) {
    public static InputLayout of(ZkVerifierKey key) {
        return new InputLayout(key.params(), key.circuit());
    }

    /** The layout of a public-weight model (its public-mode verifier key). */
    public static InputLayout of(VerifierKey key) {
        return new InputLayout(DenseCircuit.params(key), ZkCircuit.of(DenseCircuit.of(key)));
    }

    public int inputSize() {
        return circuit.inputSize();
    }

    Layout polynomial(int batch, int proofs) {
        return ZkPlan.inputLayout(circuit, batch, proofs);
    }

    /** The padded input block (columns low, rows high). */
    long[] block(int[] input, int batch) {
        return PublicTensors.padded(circuit, batch, 0, input, 0, circuit.inputSize());
    }
}
