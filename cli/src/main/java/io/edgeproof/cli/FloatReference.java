package io.edgeproof.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.onnx.OnnxImporter;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The original float model under ONNX Runtime, one sample (batch 1) per call. */
final class FloatReference implements AutoCloseable {
    private final OrtSession session;
    private final String inputName;
    private final long[] shape;

    FloatReference(Path onnx, int[] sampleShape, int threads) {
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            session = open(env, Files.readAllBytes(onnx), options);
            inputName = session.getInputNames().iterator().next();
        } catch (IOException | OrtException e) {
            throw new ModelException("ONNX Runtime cannot load " + onnx + ": " + e.getMessage(), e);
        }
        shape = new long[sampleShape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sampleShape[i];
        }
    }

    /** Old exports that ORT's checker rejects (e.g. Equal on floats at opset 10) load one opset later, same meaning. */
    private static OrtSession open(OrtEnvironment env, byte[] bytes, OrtSession.SessionOptions options) throws OrtException {
        try {
            return env.createSession(bytes, options);
        } catch (OrtException e) {
            return env.createSession(OnnxImporter.withOpset(bytes, 11), options);
        }
    }

    double[] run(double[] sample) {
        float[] f = new float[sample.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) sample[i];
        }
        try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(f), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
            double[] y = new double[b.remaining()];
            for (int i = 0; i < y.length; i++) {
                y[i] = b.get();
            }
            return y;
        } catch (OrtException e) {
            throw new ModelException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
