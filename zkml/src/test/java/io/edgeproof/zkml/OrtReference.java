package io.edgeproof.zkml;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgeproof.zkml.onnx.OnnxImporter;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** ONNX Runtime on the original float model, one sample at a time (batch 1), as the tests' reference. */
public final class OrtReference implements AutoCloseable {
    private final OrtSession session;
    private final String inputName;
    private final long[] shape;

    public OrtReference(Path onnx, int[] sampleShape) throws OrtException, java.io.IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        session = open(env, java.nio.file.Files.readAllBytes(onnx));
        inputName = session.getInputNames().iterator().next();
        shape = new long[sampleShape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = sampleShape[i];
        }
    }

    /** Loads the model; if ORT's checker rejects an old opset, retries one opset later (same semantics). */
    private static OrtSession open(OrtEnvironment env, byte[] bytes) throws OrtException {
        try {
            return env.createSession(bytes, new OrtSession.SessionOptions());
        } catch (OrtException e) {
            return env.createSession(OnnxImporter.withOpset(bytes, 11), new OrtSession.SessionOptions());
        }
    }

    public float[] run(double[] sample) throws OrtException {
        float[] f = new float[sample.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) sample[i];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            OnnxTensor out = (OnnxTensor) r.get(0);
            FloatBuffer b = out.getFloatBuffer();
            float[] y = new float[b.remaining()];
            b.get(y);
            return y;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
