package io.edgeproof.zkml.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A raw-scale model: the input scale is the sensor's resolution, and a raw reading is the model's input as it is. */
class RawScaleTest {
    private static final double SIXTEENTH = 0.0625;
    private static final QuantizedModel RAW = ModelFiles.compile(SharedModels.model("digits-mlp"), null, SIXTEENTH).model();

    @Test
    void quantizingARawReadingTimesItsResolutionGivesTheRawReadingBack() {
        List<double[]> frames = InputFile.read(SharedModels.model("digits-mlp").resolveSibling("input.json"));
        assertThat(RAW.rawInput()).isTrue();
        assertThat(RAW.inputScale()).isEqualTo(SIXTEENTH);
        for (double[] x : frames) {
            int[] raw = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                raw[i] = (int) Math.round(x[i] * 16);
            }
            assertThat(RAW.quantizeInput(x)).isEqualTo(raw).isEqualTo(RAW.rawReading(raw));
        }
        // every int16 raw value, not only the camera's 0..16, quantizes to itself
        for (int r = Requant.LO; r <= Requant.HI; r += 7) {
            assertThat(RAW.quantizeInput(new double[] {r * SIXTEENTH})[0]).isEqualTo(r);
        }
    }

    @Test
    void theRawScaleIsPartOfTheCanonicalModel() {
        QuantizedModel calibrated = ModelFiles.compile(SharedModels.model("digits-mlp"), null).model();
        QuantizedModel sameScaleNoMarker = new QuantizedModel(RAW.inputShape(), RAW.inputScale(), RAW.nodes(), RAW.outputs());
        byte[] bytes = ModelCodec.encode(RAW);
        QuantizedModel back = ModelCodec.decode(bytes);
        assertThat(back.rawInput()).isTrue();
        assertThat(ModelCodec.encode(back)).isEqualTo(bytes);
        assertThat(ModelCodec.contentHash(RAW)).isNotEqualTo(ModelCodec.contentHash(sameScaleNoMarker))
                .isNotEqualTo(ModelCodec.contentHash(calibrated));
        // a model without a raw scale keeps the version 1 bytes it always had
        assertThat(ModelCodec.encode(calibrated)[5]).isEqualTo((byte) ModelCodec.VERSION);
        double[][] x = InputFile.read(SharedModels.model("digits-mlp").resolveSibling("input.json")).toArray(new double[0][]);
        assertThat(new IntegerEngine(back).infer(x)).isDeepEqualTo(new IntegerEngine(RAW).infer(x));
    }

    @Test
    void rejectsAnInputKindOtherThanRaw() {
        byte[] bytes = ModelCodec.encode(RAW);
        int kind = 4 + 2 + 4 + 4 * RAW.inputShape().length + 8;
        bytes[kind] = 0;
        assertThatThrownBy(() -> ModelCodec.decode(bytes)).isInstanceOf(ModelException.class).hasMessageContaining("input kind");
    }

    @Test
    void refusesReadingsOutsideInt16AndModelsWithoutARawScale() {
        int[] wide = new int[RAW.inputSize()];
        wide[3] = 40_000;
        assertThatThrownBy(() -> RAW.rawReading(wide)).isInstanceOf(ModelException.class).hasMessageContaining("outside int16");
        QuantizedModel calibrated = ModelFiles.compile(SharedModels.model("digits-mlp"), null).model();
        assertThatThrownBy(() -> calibrated.rawReading(new int[calibrated.inputSize()])).isInstanceOf(ModelException.class)
                .hasMessageContaining("--raw-scale");
        assertThatThrownBy(() -> ModelFiles.compile(SharedModels.model("digits-mlp"), null, -1)).isInstanceOf(ModelException.class);
    }
}
