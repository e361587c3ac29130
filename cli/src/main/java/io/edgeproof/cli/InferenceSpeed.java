package io.edgeproof.cli;

import io.edgeproof.zkml.engine.IntegerEngine;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Time per batch-1 inference of a model under our integer engine and under ONNX Runtime (float, 2 threads),
 * as the inference benchmarks report it. One inference is far below clock resolution for small models, so
 * each run repeats it for at least {@value #RUN_MILLIS} ms and counts the time per inference; {@code warmups}
 * untimed runs, then the median of {@code runs}.
 */
record InferenceSpeed(double inferMs, double ortMs) {
    static final int ORT_THREADS = 2;
    private static final long RUN_MILLIS = 200;

    static InferenceSpeed measure(Path onnx, QuantizedModel model, double[] sample, int warmups, int runs) {
        IntegerEngine engine = new IntegerEngine(model);
        int[] q = model.quantizeInput(sample);
        double inferMs = medianPerCall(() -> engine.run(q, 1), warmups, runs);
        try (FloatReference ort = new FloatReference(onnx, model.inputShape(), ORT_THREADS)) {
            return new InferenceSpeed(inferMs, medianPerCall(() -> ort.run(sample), warmups, runs));
        }
    }

    /** Milliseconds to 4 significant digits, as the benchmarks print them (a 16-parameter model infers in ~100 ns). */
    static double round(double ms) {
        return ms == 0 || !Double.isFinite(ms) ? ms : new BigDecimal(ms).round(new MathContext(4)).doubleValue();
    }

    private static double medianPerCall(Runnable inference, int warmups, int runs) {
        double[] times = new double[runs];
        for (int r = 0; r < warmups + runs; r++) {
            long start = System.nanoTime();
            long deadline = start + RUN_MILLIS * 1_000_000;
            int count = 0;
            long now;
            do {
                inference.run();
                count++;
                now = System.nanoTime();
            } while (now < deadline);
            if (r >= warmups) {
                times[r - warmups] = (now - start) / 1e6 / count;
            }
        }
        Arrays.sort(times);
        return times[runs / 2];
    }
}
