package io.edgeproof.cli;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.proof.VerifiedInference;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.proof.ZkmlVerifier;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof verify}: exit 0 and the verified outputs when the proof is accepted; exit 1 with the
 * reason when it is rejected (a proof that does not even decode is rejected as MALFORMED_PROOF); exit 2 when
 * the key, the files or the context are unusable.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a proof against a verifier key and the caller context; prints the verified outputs.")
public final class VerifyCommand implements Callable<Integer> {
    static final int REJECTED = 1;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--verifier-key", required = true, description = "KEYDIR/verifier.key")
    Path verifierKey;

    @Option(names = "--proof", required = true, description = "proof file")
    Path proof;

    @Option(names = "--context", description = "caller context as hex; must be the prover's")
    String context;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        byte[] ctx = parseContext(context);
        ModelArgs.existing(verifierKey, "verifier key");
        ModelArgs.existing(proof, "proof");
        VerifierKey key;
        try {
            key = VerifierKey.fromBytes(Files.readAllBytes(verifierKey));
        } catch (MalformedProofException e) {
            throw new ModelException(verifierKey + " is not a usable verifier key: " + e.getMessage(), e);
        }
        byte[] bytes = Files.readAllBytes(proof);
        long t0 = System.nanoTime();
        VerifiedInference verified = null;
        String reason = null;
        try {
            verified = ZkmlVerifier.verify(key, bytes, ctx);
        } catch (VerificationException e) {
            reason = e.getMessage();
        } catch (MalformedProofException e) {
            reason = "MALFORMED_PROOF: " + e.getMessage();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        double[][] outputs = verified == null ? null : verified.realOutputs();
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("accepted", verified != null);
            o.put("outputs", outputs);
            o.put("verify_ms", ms);
            o.put("reason", reason);
            o.put("model_id", key.modelIdHex());
            o.put("security_bits", verified == null ? null : verified.securityBits());
            w.println(ModelArgs.json(o));
        } else if (verified != null) {
            for (int s = 0; s < outputs.length; s++) {
                w.println("sample " + s + ": " + Arrays.toString(outputs[s]));
            }
            w.printf("accepted: model %s, %d sample(s), %.1f bits of security, verified in %d ms%n", key.modelIdHex(),
                    verified.batch(), verified.securityBits(), ms);
        } else {
            w.println("rejected: " + reason);
        }
        return verified != null ? 0 : REJECTED;
    }

    static byte[] parseContext(String hex) {
        if (hex == null) {
            return new byte[0];
        }
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new ModelException("--context must be hex bytes, got '" + hex + "'");
        }
    }

    /** The prover's own outputs scaled to reals, one row per sample (a verifier reads them from a verified proof). */
    static double[][] dequantize(int[] outputs, int batch, int perSample, QuantizedModel model) {
        double[][] out = new double[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = model.dequantize(Arrays.copyOfRange(outputs, b * perSample, (b + 1) * perSample));
        }
        return out;
    }
}
