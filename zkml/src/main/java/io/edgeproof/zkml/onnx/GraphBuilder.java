package io.edgeproof.zkml.onnx;

import io.edgeproof.zkml.graph.FloatKernels;
import io.edgeproof.zkml.graph.Graph;
import io.edgeproof.zkml.graph.Layer;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.graph.Node;
import io.edgeproof.zkml.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects graph nodes during import. Emitting a layer whose inputs are all constants evaluates it instead
 * (constant folding), so shape sub-graphs and constant weight transforms never reach the model.
 */
final class GraphBuilder {
    private final int[] inputShape;
    private final List<Node> nodes = new ArrayList<>();

    GraphBuilder(int[] inputShape) {
        this.inputShape = inputShape;
    }

    Value.Dyn input() {
        return new Value.Dyn(0, inputShape);
    }

    Value emit(String name, Layer layer, List<Value> inputs, int[] shape) {
        boolean allConst = inputs.stream().allMatch(v -> v instanceof Value.Const);
        if (allConst) {
            double[][] in = new double[inputs.size()][];
            int[][] shapes = new int[inputs.size()][];
            for (int i = 0; i < in.length; i++) {
                in[i] = ((Value.Const) inputs.get(i)).tensor().values();
                shapes[i] = inputs.get(i).shape();
            }
            return new Value.Const(new Tensor(Tensor.Type.FLOAT, shape, FloatKernels.eval(layer, in, shapes, shape)));
        }
        int[] ids = new int[inputs.size()];
        for (int i = 0; i < ids.length; i++) {
            if (!(inputs.get(i) instanceof Value.Dyn d)) {
                throw new ModelException(name + ": mixing constant and computed inputs here is not supported");
            }
            ids[i] = d.id();
        }
        nodes.add(new Node(name, layer, ids, shape));
        return new Value.Dyn(nodes.size(), shape);
    }

    Graph build(int[] outputs) {
        return new Graph(inputShape, nodes, outputs);
    }
}
