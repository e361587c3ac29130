package io.edgeproof.cli;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof setup}: commit a model's weights once; write the prover and verifier keys; print the model id. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Commit a model's weights and write KEYDIR/prover.key and KEYDIR/verifier.key; prints the model id.")
public final class SetupCommand implements Callable<Integer> {
    static final String NO_ZK = "zero-knowledge mode not implemented yet";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "network.onnx (compiled with its default calibration) or model.epm")
    Path model;

    @Option(names = "--out", required = true, description = "key directory")
    Path out;

    @Option(names = "--hide-weights", description = "hide the weights (zero knowledge): not implemented yet, exits 2")
    boolean hideWeights;

    @Override
    public Integer call() throws IOException {
        if (hideWeights) {
            throw new ModelException("--hide-weights: " + NO_ZK + " (no weaker proof is made under that name)");
        }
        ModelArgs.existing(model, "model");
        QuantizedModel m = ModelFiles.load(model);
        long t0 = System.nanoTime();
        ProverKey key = ZkmlProver.setup(m);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Files.createDirectories(out);
        Files.write(out.resolve("prover.key"), key.toBytes());
        Files.write(out.resolve("verifier.key"), key.verifierKey().toBytes());
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out.resolve("prover.key") + " and " + out.resolve("verifier.key") + " (setup " + ms + " ms)");
        w.println("model id: " + key.verifierKey().modelIdHex());
        return 0;
    }
}
