package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The zero-knowledge circuit (part of a hidden-weight verifier key and its model id) decodes to itself. */
class ZkCircuitCodecTest {
    @ParameterizedTest
    @ValueSource(strings = {"digits-cnn", "ezkl/1l_average", "ezkl/1l_batch_norm", "ezkl/2l_relu_sigmoid_conv",
            "ezkl/4l_relu_conv_fc", "ezkl/1l_softmax", "ezkl/self_attention"})
    void everyStepKindRoundTripsAndATruncationIsRejected(String name) throws MalformedProofException {
        byte[] bytes = ZkCircuit.of(ZkFixtures.model(name)).encode();
        ProofReader r = new ProofReader(bytes);
        assertThat(ZkCircuit.readFrom(r).encode()).isEqualTo(bytes);
        assertThat(r.remaining()).isZero();
        assertThrows(MalformedProofException.class,
                () -> ZkCircuit.readFrom(new ProofReader(java.util.Arrays.copyOf(bytes, bytes.length - 3))));
    }
}
