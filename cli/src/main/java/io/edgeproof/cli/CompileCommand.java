package io.edgeproof.cli;

import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof compile}: ONNX to a quantized .epm model, with its layer table and content hash. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Quantize an ONNX model into an EdgeProof model (.epm) and print its layers and content hash.")
public final class CompileCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "ONNX model (network.onnx)")
    Path model;

    @Option(names = "--calibration", description = "calibration input.json (default: the input.json beside the model, else a fixed pseudo-random set)")
    Path calibration;

    @Option(names = "--raw-scale", paramLabel = "S", defaultValue = "0",
            description = "the sensor's resolution: fixes the input scale to S, so a raw integer reading is the model's input")
    double rawScale;

    @Option(names = "--out", required = true, description = "output .epm file")
    Path out;

    @Override
    public Integer call() {
        ModelArgs.existing(model, "model");
        if (calibration != null) {
            ModelArgs.existing(calibration, "calibration file");
        }
        QuantizedModel m = ModelFiles.compile(model, calibration, ModelArgs.rawScale(rawScale)).model();
        ModelFiles.writeEpm(m, out);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("%-4s %-12s %-22s %10s %12s  %s%n", "#", "op", "shape", "params", "scale", "requant / table");
        for (int k = 0; k < m.nodes().size(); k++) {
            QNode n = m.nodes().get(k);
            w.printf("%-4d %-12s %-22s %10d %12.4e  %s%n", k + 1, n.layer().getClass().getSimpleName(),
                    io.edgeproof.zkml.graph.Shapes.format(n.shape()), params(n.layer()), n.scale(), detail(n.layer()));
        }
        w.printf("input scale %.4e%s, %d parameters, %d nodes%n", m.inputScale(), m.rawInput() ? " (raw scale: inputs are raw readings)" : "",
                m.parameterCount(), m.nodes().size());
        w.println("wrote " + out);
        w.println("content hash (sha256): " + ModelCodec.contentHash(m));
        return 0;
    }

    private static long params(QLayer l) {
        return switch (l) {
            case QLayer.Linear x -> x.weights().length + x.bias().length;
            case QLayer.Conv x -> x.weights().length + x.bias().length;
            case QLayer.ScaleShift x -> x.scale().length + x.shift().length;
            case QLayer.PRelu x -> x.slope().length;
            default -> 0;
        };
    }

    private static String detail(QLayer l) {
        return switch (l) {
            case QLayer.Linear x -> x.inFeatures() + "->" + x.outFeatures() + ", int8 weights, rq " + x.rq();
            case QLayer.Conv x -> x.outChannels() + "x" + x.inChannels() / x.group() + "x" + x.kernelH() + "x" + x.kernelW()
                    + " stride " + x.strides()[0] + ", rq " + x.rq();
            case QLayer.MatMul x -> "rq " + x.rq();
            case QLayer.Mul x -> "rq " + x.rq();
            case QLayer.Add x -> "Ma=" + x.ma() + ",Mb=" + x.mb() + ",s=" + x.shift();
            case QLayer.ScaleShift x -> "rq " + x.rq();
            case QLayer.PRelu x -> "rq " + x.rq();
            case QLayer.AvgPool x -> x.kernelH() + "x" + x.kernelW() + ", rq per divisor";
            case QLayer.MaxPool x -> x.kernelH() + "x" + x.kernelW();
            case QLayer.Lookup x -> "table 2^16";
            case QLayer.Softmax x -> "exp table 2^15+1";
            case QLayer.ReduceMean x -> "rq " + x.rq();
            case QLayer.Clip x -> "[" + x.lo() + ", " + x.hi() + "]";
            case QLayer.Layout x -> "gather " + x.index().length;
            case QLayer.Relu x -> "";
            case QLayer.Reshape x -> "";
        };
    }
}
