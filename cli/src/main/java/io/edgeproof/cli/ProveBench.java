package io.edgeproof.cli;

import io.edgeproof.bench.MedianTimer;
import io.edgeproof.bench.Timing;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.NotProvableException;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.proof.ZkmlVerifier;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One model through the whole pipeline, in this JVM: compile, inference speed (integer engine and ONNX
 * Runtime), setup (timed once), then prove and verify of batch 1 (the first row of the model's input.json,
 * a fixed context), each timed by the {@link MedianTimer}. The result is one benchmark row; a model the
 * prover cannot prove yet gives a row whose {@code error} names the op, with the proof columns null.
 */
final class ProveBench {
    /** Every row has these keys, in this order; a value that was not measured is null. */
    static final List<String> KEYS = List.of("model", "engine", "params", "infer_ms", "ort_ms", "prove_ms",
            "verify_ms", "proof_bytes", "peak_heap_mb", "ratio", "ort_ratio", "setup_ms", "error");
    static final String ENGINE = "edgeproof";
    /** The caller context bound into every benchmark proof (and replayed to the verifier). */
    static final byte[] CONTEXT = "edgeproof bench prove".getBytes(StandardCharsets.UTF_8);

    /** The verifier rejected a proof the prover just made honestly: a bug, never a benchmark result. */
    static final class HonestProofRejected extends RuntimeException {
        HonestProofRejected(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final MedianTimer timer;
    private final Consumer<String> progress;

    ProveBench(MedianTimer timer, Consumer<String> progress) {
        this.timer = timer;
        this.progress = progress;
    }

    static Map<String, Object> emptyRow(String model, String engine) {
        Map<String, Object> row = new LinkedHashMap<>();
        KEYS.forEach(k -> row.put(k, null));
        row.put("model", model);
        row.put("engine", engine);
        return row;
    }

    /**
     * Measures {@code onnx} under {@code name}. Throws {@link HonestProofRejected} if an honest proof does not
     * verify; every other failure but {@link NotProvableException} propagates too.
     */
    Map<String, Object> run(String name, Path onnx) {
        progress.accept(name + ": compiling " + onnx);
        QuantizedModel model = ModelFiles.compile(onnx, null).model();
        double[] sample = InputFile.read(onnx.resolveSibling("input.json")).get(0);
        Map<String, Object> row = emptyRow(name, ENGINE);
        row.put("params", model.parameterCount());

        progress.accept(name + ": timing inference (integer engine, then ONNX Runtime)");
        InferenceSpeed speed = InferenceSpeed.measure(onnx, model, sample, timer.warmups(), timer.runs());
        row.put("infer_ms", InferenceSpeed.round(speed.inferMs()));
        row.put("ort_ms", InferenceSpeed.round(speed.ortMs()));

        progress.accept(name + ": setup (commits the weights)");
        long setupStart = System.nanoTime();
        ProverKey key;
        try {
            key = ZkmlProver.setup(model);
        } catch (NotProvableException e) {
            progress.accept(name + ": " + e.getMessage());
            row.put("error", e.getMessage());
            return row;
        }
        row.put("setup_ms", InferenceSpeed.round((System.nanoTime() - setupStart) / 1e6));

        double[][] batch = {sample};
        ProofOutput[] last = new ProofOutput[1];
        HeapPeak heap = HeapPeak.start();
        Timing prove = timer.time(announce(name + ": prove"), ignored -> last[0] = ZkmlProver.prove(key, batch, CONTEXT));
        row.put("peak_heap_mb", heap.peakMegabytes());
        byte[] proof = last[0].proof().toBytes();
        VerifierKey vk = key.verifierKey();
        Timing verify = timer.time(announce(name + ": verify"), ignored -> verify(name, vk, proof));

        double proveMs = prove.medianMillis();
        row.put("prove_ms", InferenceSpeed.round(proveMs));
        row.put("verify_ms", InferenceSpeed.round(verify.medianMillis()));
        row.put("proof_bytes", proof.length);
        row.put("ratio", ratio(proveMs, speed.inferMs()));
        row.put("ort_ratio", ratio(proveMs, speed.ortMs()));
        progress.accept(String.format("%s: prove %.1f ms, verify %.2f ms, %,d proof bytes", name, proveMs,
                verify.medianMillis(), proof.length));
        return row;
    }

    /** Untimed, before each run: one progress line, since a large model's run takes seconds. */
    private Supplier<Void> announce(String what) {
        int total = timer.warmups() + timer.runs();
        int[] done = {0};
        return () -> {
            done[0]++;
            progress.accept(what + " run " + done[0] + "/" + total + (done[0] <= timer.warmups() ? " (warm-up)" : ""));
            return null;
        };
    }

    private static void verify(String name, VerifierKey vk, byte[] proof) {
        try {
            ZkmlVerifier.verify(vk, proof, CONTEXT);
        } catch (VerificationException | MalformedProofException e) {
            throw new HonestProofRejected(name + ": the verifier rejected an honest proof: " + e.getMessage(), e);
        }
    }

    private static double ratio(double proveMs, double baselineMs) {
        return Math.round(proveMs / baselineMs * 10) / 10.0;
    }
}
