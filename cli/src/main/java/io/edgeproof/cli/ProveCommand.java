package io.edgeproof.cli;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.InputFile;
import io.edgeproof.zkml.proof.ProofOutput;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
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

/** {@code edgeproof prove}: prove a batch of inputs under a prover key and a caller context. */
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

    @Option(names = "--hide-input", description = "hide the input (zero knowledge): not implemented yet, exits 2")
    boolean hideInput;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (hideInput) {
            throw new ModelException("--hide-input: " + SetupCommand.NO_ZK + " (no weaker proof is made under that name)");
        }
        byte[] ctx = VerifyCommand.parseContext(context);
        Path keyFile = keys.resolve("prover.key");
        ModelArgs.existing(keyFile, "prover key");
        List<double[]> rows = InputFile.read(ModelArgs.existing(input, "input file"));
        PrintWriter err = spec.commandLine().getErr();
        if (!json) {
            err.println("loading " + keyFile + " (weight commitments are re-hashed and checked)...");
        }
        ProverKey key;
        try {
            key = ProverKey.fromBytes(Files.readAllBytes(keyFile));
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
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model_id", key.verifierKey().modelIdHex());
            o.put("outputs", outputs);
            o.put("prove_ms", ms);
            o.put("proof_bytes", bytes.length);
            w.println(ModelArgs.json(o));
            return 0;
        }
        for (int s = 0; s < outputs.length; s++) {
            w.println("sample " + s + ": " + Arrays.toString(outputs[s]));
        }
        w.printf("wrote %s: %d bytes, proved in %d ms (model %s)%n", out, bytes.length, ms, key.verifierKey().modelIdHex());
        return 0;
    }
}
