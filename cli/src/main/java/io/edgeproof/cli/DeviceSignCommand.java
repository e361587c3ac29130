package io.edgeproof.cli;

import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.network.keys.KeyFileException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof device sign}: signs one reading as the ledger checks it (DeviceReading: device id,
 * timestamp, sequence, InputDigest of the quantized input; 64-byte r || s) and writes it with the input.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign one reading with a device key: the quantized input's digest, the device id, a timestamp"
                + " and sequence number N (must rise per device); writes the signed reading and its input as JSON.")
final class DeviceSignCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the device's key file (device keygen)")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "{\"input\": [int16...]} (quantized), or {\"input_data\": [[floats]]} with --model")
    Path input;

    @Option(names = "--seq", required = true, paramLabel = "N", description = "sequence number, above the device's last one")
    long sequence;

    @Option(names = "--model", paramLabel = "FILE", description = "network.onnx or .epm whose input scale quantizes a float input")
    Path model;

    @Option(names = "--sample", defaultValue = "0", description = "which sample of an input_data file (default ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--timestamp", description = "reading time, unix seconds (default: now)")
    Long timestamp;

    @Option(names = "--out", paramLabel = "FILE", description = "write the signed reading here (default: stdout)")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (sequence < 0) {
            throw new IllegalArgumentException("--seq must not be negative");
        }
        int[] values = InputArgs.quantized(input, sample, () -> {
            if (model == null) {
                throw new ModelException(input + " holds float input_data: give --model to quantize it");
            }
            return ModelFiles.load(ModelArgs.existing(model, "model"));
        });
        KeyFile.Opened device = keys.open(key);
        if (device.device().isEmpty()) {
            throw new KeyFileException(key + " is an account key, not a device key (device keygen makes one)");
        }
        long time = timestamp != null ? timestamp : System.currentTimeMillis() / 1000;
        SignedReading signed = new DeviceReading(device.device().get(), time, sequence, InputDigest.of(values))
                .sign(device.key());
        String json = ModelArgs.json(InputArgs.readingJson(new InputArgs.SignedInput(signed, values)));
        if (out == null) {
            spec.commandLine().getOut().println(json);
        } else {
            Files.writeString(out, json + "\n");
            spec.commandLine().getOut().println("wrote reading #" + sequence + " of " + device.device().get() + " to " + out);
        }
        return 0;
    }
}
