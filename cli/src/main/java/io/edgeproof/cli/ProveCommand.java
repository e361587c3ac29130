package io.edgeproof.cli;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.zk.ZkProverKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof prove}: prove a batch of inputs under a prover key and a caller context. A hidden-weight
 * key or {@code --hide-input} gives a zero-knowledge proof ({@link ZkProve}); otherwise the public-mode one.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Prove the model in KEYDIR on the rows of input.json (one batch); writes the proof.")
public final class ProveCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--keys", required = true, description = "key directory written by setup")
    Path keys;

    @Option(names = "--input", required = true, description = "input.json: {\"input_data\": [[...], ...]}")
    Path input;

    @Option(names = "--out", required = true, description = "proof file to write")
    Path out;

    @Option(names = "--context", description = "caller context as hex (job id, prover address, chain id); default empty")
    String context;

    @Option(names = "--hide-input", description = "hide the input (zero knowledge; dense layers and Relu): the proof"
            + " carries a commitment to it")
    boolean hideInput;

    @Option(names = "--input-seed", description = "with --hide-input: the input owner's secret 32-byte seed (hex) the"
            + " input commitment was made with (e.g. by a device); default: a fresh one")
    String inputSeed;

    @Option(names = "--input-proofs", defaultValue = "1", description = "with --hide-input: proofs the input"
            + " commitment was made for (default ${DEFAULT-VALUE})")
    int inputProofs;

    @Option(names = "--input-slot", defaultValue = "0", description = "with --hide-input: which of them this proof"
            + " uses (each at most once; default ${DEFAULT-VALUE})")
    int inputSlot;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (!hideInput && (inputSeed != null || inputSlot != 0 || inputProofs != 1)) {
            throw new ModelException("--input-seed, --input-proofs and --input-slot need --hide-input");
        }
        byte[] ctx = VerifyCommand.parseContext(context);
        Path keyFile = keys.resolve("prover.key");
        ModelArgs.existing(keyFile, "prover key");
        List<double[]> rows = InputFile.read(ModelArgs.existing(input, "input file"));
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            err.println("loading " + keyFile + " (weight commitments are re-hashed and checked)...");
        }
        byte[] keyBytes = Files.readAllBytes(keyFile);
        if (hideInput || ZkProverKey.matches(keyBytes)) {
            if (!json) {
                err.println("proving " + rows.size() + " sample(s) in zero knowledge...");
            }
            long t0 = System.nanoTime();
            ZkProve.Result r = ZkProve.run(keyFile, keyBytes, rows, hideInput, inputSeed, inputProofs, inputSlot, ctx);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            byte[] bytes = r.output().proof().toBytes();
            Files.write(out, bytes);
            double[][] outputs = VerifyCommand.dequantize(r.output().outputs(), rows.size(),
                    r.output().outputs().length / rows.size(), r.model());
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("input_hidden", hideInput);
            extra.put("weights_hidden", r.weightSlot() >= 0);
            if (r.inputCommitment() != null) {
                extra.put("input_commitment", r.inputCommitment());
            }
            if (r.weightSlot() >= 0) {
                extra.put("weight_slot", r.weightSlot());
            }
            return print(r.modelIdHex(), outputs, ms, bytes.length, extra);
        }
        ProverKey key;
        try {
            key = ProverKey.fromBytes(keyBytes);
        } catch (MalformedProofException e) {
            throw new ModelException(keyFile + ": " + e.getMessage(), e);
        }
        if (!json) {
            err.println("proving " + rows.size() + " sample(s)...");
        }
        long t0 = System.nanoTime();
        ProofOutput proof = ZkmlProver.prove(key, rows.toArray(new double[0][]), ctx);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        byte[] bytes = proof.proof().toBytes();
        Files.write(out, bytes);
        double[][] outputs = VerifyCommand.dequantize(proof.outputs(), rows.size(), key.verifierKey().outputSize(),
                key.model());
        return print(key.verifierKey().modelIdHex(), outputs, ms, bytes.length, Map.of());
    }

    private int print(String modelId, double[][] outputs, long ms, int proofBytes, Map<String, Object> extra) {
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model_id", modelId);
            o.put("outputs", outputs);
            o.put("prove_ms", ms);
            o.put("proof_bytes", proofBytes);
            o.putAll(extra);
            w.println(ModelArgs.json(o));
            return 0;
        }
        for (int s = 0; s < outputs.length; s++) {
            w.println("sample " + s + ": " + Arrays.toString(outputs[s]));
        }
        w.printf("wrote %s: %d bytes, proved in %d ms (model %s)%n", out, proofBytes, ms, modelId);
        if (!extra.isEmpty()) {
            w.println("zero knowledge: input " + ((Boolean) extra.get("input_hidden") ? "hidden" : "public") + ", weights "
                    + ((Boolean) extra.get("weights_hidden") ? "hidden (slot " + extra.get("weight_slot") + ")" : "public"));
        }
        if (extra.containsKey("input_commitment")) {
            w.println("input commitment: " + extra.get("input_commitment"));
        }
        return 0;
    }
}
