package io.edgeproof.cli;

import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.ZkProver;
import io.edgeproof.zkml.zk.ZkProverKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof setup}: commit a model's weights once; write the prover and verifier keys; print the model
 * id. With {@code --hide-weights} the commitment is hiding and the keys are the zero-knowledge ones
 * (zkml/ZK.md): the verifier key never holds the weights, and the weight commitment takes a fixed number of
 * proofs ({@code --zk-proofs}).
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Commit a model's weights and write KEYDIR/prover.key and KEYDIR/verifier.key; prints the model id.")
public final class SetupCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "network.onnx (compiled with its default calibration) or model.epm")
    Path model;

    @Option(names = "--out", required = true, description = "key directory")
    Path out;

    @Option(names = "--raw-scale", paramLabel = "S", defaultValue = "0",
            description = "the sensor's resolution: fixes the input scale to S so a raw integer reading is the model's"
                    + " input as it is (an .onnx is compiled with it; an .epm must have been)")
    double rawScale;

    @Option(names = "--hide-weights", description = "hide the weights (zero knowledge; dense layers and Relu)")
    boolean hideWeights;

    @Option(names = "--zk-proofs", description = "with --hide-weights: how many proofs the weight commitment takes"
            + " (default ${DEFAULT-VALUE})", defaultValue = "" + ZkProver.DEFAULT_BUDGET)
    int zkProofs;

    @Override
    public Integer call() throws IOException {
        ModelArgs.existing(model, "model");
        QuantizedModel m = ModelFiles.load(model, ModelArgs.rawScale(rawScale));
        if (hideWeights) {
            return hiddenWeights(m);
        }
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

    private int hiddenWeights(QuantizedModel m) throws IOException {
        if (zkProofs < 1) {
            throw new ModelException("--zk-proofs must be at least 1");
        }
        long t0 = System.nanoTime();
        ZkProverKey key = ZkProver.setup(m, zkProofs, new SecureRandom());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Files.createDirectories(out);
        Files.write(out.resolve("prover.key"), key.toBytes());
        Files.write(out.resolve("verifier.key"), key.verifierKey().toBytes());
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out.resolve("prover.key") + " and " + out.resolve("verifier.key") + " (setup " + ms
                + " ms, hidden weights: the weight commitment takes " + zkProofs + " proofs)");
        w.println("model id: " + key.verifierKey().modelIdHex());
        return 0;
    }
}
