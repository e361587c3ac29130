package io.edgeproof.zkml.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelCodecTest {
    private static byte[] encoded(String name) {
        return ModelCodec.encode(ModelFiles.compile(SharedModels.model(name), null).model());
    }

    @Test
    void compilingTwiceGivesIdenticalBytesAndHash() {
        for (String name : List.of("digits-cnn", "ezkl/self_attention", "ezkl/layernorm", "ezkl/1l_average")) {
            byte[] a = encoded(name);
            byte[] b = encoded(name);
            assertThat(a).as(name).isEqualTo(b);
            assertThat(ModelCodec.hash(a)).hasSize(64).isEqualTo(ModelCodec.hash(b));
        }
    }

    @Test
    void roundTripKeepsBytesAndOutputs() {
        for (String name : List.of("digits-cnn", "ezkl/self_attention", "ezkl/lenet_5", "ezkl/1l_batch_norm")) {
            QuantizedModel m = ModelFiles.compile(SharedModels.model(name), null).model();
            byte[] bytes = ModelCodec.encode(m);
            QuantizedModel back = ModelCodec.decode(bytes);
            assertThat(ModelCodec.encode(back)).isEqualTo(bytes);
            double[][] x = InputFile.read(SharedModels.model(name).resolveSibling("input.json")).toArray(new double[0][]);
            assertThat(new IntegerEngine(back).infer(x)).isDeepEqualTo(new IntegerEngine(m).infer(x));
        }
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] bytes = encoded("ezkl/1l_mlp");
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> ModelCodec.decode(cut)).isInstanceOf(ModelException.class);
        }
    }

    @Test
    void rejectsTrailingBytesBadMagicAndUnknownVersion() {
        byte[] bytes = encoded("ezkl/1l_mlp");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> ModelCodec.decode(longer)).isInstanceOf(ModelException.class).hasMessageContaining("trailing");
        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> ModelCodec.decode(magic)).isInstanceOf(ModelException.class).hasMessageContaining("magic");
        byte[] version = bytes.clone();
        version[5] = 9;
        assertThatThrownBy(() -> ModelCodec.decode(version)).isInstanceOf(ModelException.class).hasMessageContaining("version");
    }

    /** Any corruption either fails cleanly or decodes to a different model (hence a different hash). */
    @Test
    void corruptedBytesNeverCrashTheDecoderOrKeepTheHash() {
        byte[] bytes = encoded("digits-cnn");
        String hash = ModelCodec.hash(bytes);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] bad = bytes.clone();
            int pos = trial < bytes.length && trial < 1200 ? trial : rnd.nextInt(bytes.length);
            bad[pos] ^= (byte) (1 << rnd.nextInt(8));
            try {
                QuantizedModel m = ModelCodec.decode(bad);
                assertThat(ModelCodec.contentHash(m)).isNotEqualTo(hash);
                new IntegerEngine(m).infer(new double[][] {new double[m.inputSize()]});
            } catch (ModelException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }

        }
    }

    @Test
    void rejectsHugeLengthPrefixesWithoutAllocating() {
        byte[] bytes = encoded("ezkl/1l_mlp");
        byte[] bad = bytes.clone();
        bad[6] = 0x7f;
        assertThatThrownBy(() -> ModelCodec.decode(bad)).isInstanceOf(ModelException.class).hasMessageContaining("exceeds");
    }
}
