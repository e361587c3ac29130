package io.edgeproof.cli;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.proof.VerifiedInference;
import io.edgeproof.zkml.proof.VerifierKey;
import io.edgeproof.zkml.proof.ZkmlVerifier;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.zk.InputCommitment;
import io.edgeproof.zkml.zk.VerifiedZkInference;
import io.edgeproof.zkml.zk.ZkProof;
import io.edgeproof.zkml.zk.ZkVerifier;
import io.edgeproof.zkml.zk.ZkVerifierKey;
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
 * the key, the files or the context are unusable. A hidden-weight verifier key, or a zero-knowledge proof
 * under a public-mode key (hidden input), is checked by the zero-knowledge verifier; {@code --input-commitment}
 * then requires the proof to be about that input commitment (the one a device signed).
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

    @Option(names = "--input-commitment", description = "hex: the input commitment a hidden-input proof must be about")
    String inputCommitment;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Override
    public Integer call() throws IOException {
        byte[] ctx = parseContext(context);
        ModelArgs.existing(verifierKey, "verifier key");
        ModelArgs.existing(proof, "proof");
        byte[] keyBytes = Files.readAllBytes(verifierKey);
        byte[] bytes = Files.readAllBytes(proof);
        InputCommitment expected = parseCommitment(inputCommitment);
        if (ZkVerifierKey.matches(keyBytes)) {
            ZkVerifierKey key;
            try {
                key = ZkVerifierKey.fromBytes(keyBytes);
            } catch (MalformedProofException e) {
                throw new ModelException(verifierKey + " is not a usable verifier key: " + e.getMessage(), e);
            }
            return zk(key.modelIdHex(), () -> expected == null ? ZkVerifier.verify(key, bytes, ctx)
                    : ZkVerifier.verify(key, bytes, ctx, expected));
        }
        VerifierKey key;
        try {
            key = VerifierKey.fromBytes(keyBytes);
        } catch (MalformedProofException e) {
            throw new ModelException(verifierKey + " is not a usable verifier key: " + e.getMessage(), e);
        }
        if (ZkProof.matches(bytes)) {
            return zk(key.modelIdHex(), () -> expected == null ? ZkVerifier.verify(key, bytes, ctx)
                    : ZkVerifier.verify(key, bytes, ctx, expected));
        }
        if (expected != null) {
            throw new ModelException("--input-commitment: this proof's input is public");
        }
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

    /** A zero-knowledge verification, the caller's way. */
    @FunctionalInterface
    private interface ZkCheck {
        VerifiedZkInference verify() throws VerificationException, MalformedProofException;
    }

    private int zk(String modelId, ZkCheck check) {
        long t0 = System.nanoTime();
        VerifiedZkInference verified = null;
        String reason = null;
        try {
            verified = check.verify();
        } catch (VerificationException e) {
            reason = e.getMessage();
        } catch (MalformedProofException e) {
            reason = "MALFORMED_PROOF: " + e.getMessage();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        double[][] outputs = verified == null ? null : verified.realOutputs();
        PrintWriter w = spec.commandLine().getOut();
        String commitment = verified == null || verified.inputCommitment() == null ? null
                : verified.inputCommitment().toHex();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("accepted", verified != null);
            o.put("outputs", outputs);
            o.put("verify_ms", ms);
            o.put("reason", reason);
            o.put("model_id", modelId);
            o.put("security_bits", verified == null ? null : verified.securityBits());
            o.put("input_hidden", verified == null ? null : verified.inputHidden());
            o.put("weights_hidden", verified == null ? null : verified.weightsHidden());
            o.put("input_commitment", commitment);
            w.println(ModelArgs.json(o));
        } else if (verified != null) {
            for (int s = 0; s < outputs.length; s++) {
                w.println("sample " + s + ": " + Arrays.toString(outputs[s]));
            }
            w.printf("accepted (zero knowledge: input %s, weights %s): model %s, %d sample(s), %.1f bits of security,"
                    + " verified in %d ms%n", verified.inputHidden() ? "hidden" : "public",
                    verified.weightsHidden() ? "hidden" : "public", modelId, verified.batch(), verified.securityBits(), ms);
            if (commitment != null) {
                w.println("input commitment: " + commitment);
            }
        } else {
            w.println("rejected: " + reason);
        }
        return verified != null ? 0 : REJECTED;
    }

    private static InputCommitment parseCommitment(String hex) {
        if (hex == null) {
            return null;
        }
        try {
            return InputCommitment.fromHex(hex);
        } catch (MalformedProofException e) {
            throw new ModelException("--input-commitment is not an input commitment: " + e.getMessage());
        }
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
