package io.edgeproof.cli;

import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.JobOrder;
import io.edgeproof.network.SealedInput;
import io.edgeproof.network.keys.KeyFile;
import io.edgeproof.network.keys.KeyFileException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.io.ModelFiles;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.HiddenInput;
import io.edgeproof.zkml.zk.InputLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof device sign}: the device SDK on the command line. Signs one raw reading as the ledger
 * checks it (DeviceReading: device id, timestamp, sequence, and the InputDigest of the raw integers; 64-byte
 * r || s). With {@code --hide-input} it commits the raw reading for the model's input layout with a fresh
 * secret seed and signs the commitment's digest instead; the file then holds the seed (keep it secret: give
 * it only to the gateway with {@code job submit}) and the public commitment.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign one raw reading with a device key (device id, timestamp, sequence number N, which must rise"
                + " per device); --hide-input signs a commitment to it instead. Writes the signed reading as JSON.")
final class DeviceSignCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the device's key file (device keygen)")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "the raw reading {\"input\": [int16...]}, or {\"input_data\": [[floats]]} with --model (values"
                    + " divided by the model's raw scale must be integers)")
    Path input;

    @Option(names = "--seq", required = true, paramLabel = "N", description = "sequence number, above the device's last one")
    long sequence;

    @Option(names = "--model", paramLabel = "FILE", description = "the raw-scale model the reading is for (.onnx with"
            + " --raw-scale, or an .epm compiled with it): checks the reading; needed by --hide-input and float input")
    Path model;

    @Option(names = "--raw-scale", paramLabel = "S", defaultValue = "0", description = "the sensor's resolution, to"
            + " compile an .onnx --model as the gateway holds it")
    double rawScale;

    @Option(names = "--hide-input", description = "commit the reading (zero knowledge; the model must have dense and Relu"
            + " layers only) and sign the commitment; nodes other than the assigned one never see the reading")
    boolean hideInput;

    @Option(names = "--input-proofs", defaultValue = "4", paramLabel = "N", description = "with --hide-input: how many"
            + " proofs the commitment takes, one per attempt at the job (default ${DEFAULT-VALUE}, at most 16)")
    int proofs;

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
        if (hideInput && (model == null || proofs < 1 || proofs > 16)) {
            throw new ModelException(model == null ? "--hide-input needs --model: the commitment follows the model's input"
                    + " layout" : "--input-proofs must be 1..16");
        }
        QuantizedModel m = model == null ? null : ModelFiles.load(ModelArgs.existing(model, "model"), ModelArgs.rawScale(rawScale));
        int[] raw = InputArgs.raw(input, sample, m);
        KeyFile.Opened device = keys.open(key);
        if (device.device().isEmpty()) {
            throw new KeyFileException(key + " is an account key, not a device key (device keygen makes one)");
        }
        long time = timestamp != null ? timestamp : System.currentTimeMillis() / 1000;
        SealedInput sealed = null;
        byte[] digest = InputDigest.of(raw);
        String commitmentHex = null;
        if (hideInput) {
            sealed = new SealedInput(raw, HiddenInput.freshSeed(new SecureRandom()), proofs);
            byte[] commitment = sealed.commit(layout(m)).commitment().toBytes();
            digest = InputDigest.ofCommitment(commitment);
            commitmentHex = HexFormat.of().formatHex(commitment);
        }
        SignedReading signed = new DeviceReading(device.device().get(), time, sequence, digest).sign(device.key());
        JobOrder.Hiding hiding = sealed == null ? null : new JobOrder.Hiding(sealed.seed(), sealed.proofs());
        var json = InputArgs.readingJson(new InputArgs.SignedInput(signed, raw, hiding));
        if (commitmentHex != null) {
            json.put("input_commitment", commitmentHex);
        }
        String text = ModelArgs.json(json);
        if (out == null) {
            spec.commandLine().getOut().println(text);
        } else {
            Files.writeString(out, text + "\n");
            if (hideInput) {
                restrict(out);
            }
            spec.commandLine().getOut().println("wrote " + (hideInput ? "hidden " : "") + "reading #" + sequence + " of "
                    + device.device().get() + " to " + out + (hideInput ? " (holds the commitment's secret seed)" : ""));
        }
        return 0;
    }

    private static InputLayout layout(QuantizedModel m) {
        try {
            return InputLayout.of(ZkmlProver.setup(m).verifierKey());
        } catch (RuntimeException e) {
            throw new ModelException("hidden inputs are not supported for this model: " + e.getMessage());
        }
    }

    /** The seed undoes the commitment's masks: the file is readable by its owner only. */
    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to narrow
        }
    }
}
