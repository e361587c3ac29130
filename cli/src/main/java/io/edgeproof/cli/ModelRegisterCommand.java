package io.edgeproof.cli;

import io.edgeproof.ledger.ModelId;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.ModelCodec;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof model register}: sets the model up (commits its weights), then registers its verifier key
 * and its .epm with the gateway under the owner's key; prints the model id requesters name in jobs.
 */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Set a model up and register its verifier key and .epm with a gateway; prints the model id.")
final class ModelRegisterCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL")
    URI gateway;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the owner's account key file")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "network.onnx (compiled with its default calibration) or model.epm")
    Path model;

    @Option(names = "--raw-scale", paramLabel = "S", defaultValue = "0",
            description = "the sensor's resolution: the model takes raw integer readings (needed for device jobs)")
    double rawScale;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() {
        QuantizedModel m = ModelFiles.load(ModelArgs.existing(model, "model"), ModelArgs.rawScale(rawScale));
        GatewayClient client = GatewayClient.connect(gateway, keys.open(key).key());
        ProverKey pk = ZkmlProver.setup(m);
        ModelId id = client.registerModel(pk.verifierKey().toBytes(), ModelCodec.encode(m));
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model_id", id.hex());
            o.put("input_size", m.inputSize());
            o.put("raw_scale", m.rawInput() ? m.inputScale() : null);
            spec.commandLine().getOut().println(ModelArgs.json(o));
        } else {
            spec.commandLine().getOut().println("registered model " + id + " (" + m.inputSize() + " inputs"
                    + (m.rawInput() ? ", raw readings at resolution " + m.inputScale() : "") + ") under " + client.address());
        }
        return 0;
    }
}
