package io.edgeproof.zkml.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.zkml.SharedModels;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerErrorsTest {
    @Test
    void everyComparableLayerOfDigitsCnnStaysWithinTwoPercent() {
        Path onnx = SharedModels.model("digits-cnn");
        ModelFiles.Compiled c = ModelFiles.compile(onnx, null);
        List<LayerErrors.LayerError> errors = LayerErrors.measure(c.graph(), c.model(),
                InputFile.read(onnx.resolveSibling("input.json")));
        assertThat(errors).hasSizeGreaterThanOrEqualTo(c.model().nodes().size() / 2);
        assertThat(errors).extracting(LayerErrors.LayerError::op).contains("Conv", "Linear", "Relu", "MaxPool");
        for (LayerErrors.LayerError e : errors) {
            assertThat(e.maxAbsValue()).as(e.node()).isPositive();
            assertThat(e.relative()).as(e.node()).isLessThan(0.02);
        }
    }

    @Test
    void aWrongScaleShowsUpAtThatLayer() {
        Path onnx = SharedModels.model("digits-mlp");
        ModelFiles.Compiled c = ModelFiles.compile(onnx, null);
        QuantizedModel m = c.model();
        List<QNode> nodes = new ArrayList<>(m.nodes());
        QNode first = nodes.get(0);
        nodes.set(0, new QNode(first.name(), first.layer(), first.inputs(), first.shape(), 2 * first.scale()));
        QuantizedModel skewed = new QuantizedModel(m.inputShape(), m.inputScale(), nodes, m.outputs());
        List<LayerErrors.LayerError> errors = LayerErrors.measure(c.graph(), skewed,
                InputFile.read(onnx.resolveSibling("input.json")));
        assertThat(errors.get(0).node()).isEqualTo(first.name());
        assertThat(errors.get(0).relative()).isGreaterThan(0.4);
    }
}
