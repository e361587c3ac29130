package io.edgeproof.zkml.zk;

import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.proof.ZkmlProver;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The zero-knowledge numbers of the README (standard parameters, batch 1, median after a warm-up), per model
 * and visibility. Slow: run with
 * {@code mvn -pl zkml -am test -Dtest=ZkMeasurementTest -Dgroups=slow -Dedgeproof.excludedGroups=none
 * -Dzk.models=digits-mlp,mlp-4m -Dzk.runs=3}.
 */
@Tag("slow")
class ZkMeasurementTest {
    private interface Prove {
        byte[] prove(int[] x, int run);
    }

    private interface Verify {
        VerifiedZkInference verify(byte[] proof) throws Exception;
    }

    @Test
    void measure() throws Exception {
        int runs = Integer.getInteger("zk.runs", 3);
        java.util.Set<String> modes = java.util.Set.of(System.getProperty("zk.modes", "input,weights,both").split(","));
        System.out.println("| model | input | weights | setup | prove (median) | verify | proof | bits | weakest |");
        for (String name : System.getProperty("zk.models", "digits-mlp").split(",")) {
            QuantizedModel model = ZkFixtures.model(name);
            long t0 = System.nanoTime();
            ZkProverKey hidden = modes.contains("weights") || modes.contains("both")
                    ? ZkProver.setup(model, ZkProver.DEFAULT_BUDGET, new SecureRandom()) : null;
            long setupHidden = (System.nanoTime() - t0) / 1_000_000;
            ProverKey open = ZkmlProver.setup(model);
            InputLayout layout = InputLayout.of(open.verifierKey());
            byte[] ctx = new byte[0];
            if (modes.contains("input")) {
                report(name, "hidden", "public", "-", runs, model,
                    (x, r) -> ZkProver.prove(open, HiddenInput.commit(layout, x, 1, ZkFixtures.seed(r), 1), 0, ctx,
                            new SecureRandom()).proof().toBytes(),
                    p -> ZkVerifier.verify(open.verifierKey(), p, ctx));
            }
            if (hidden == null) {
                continue;
            }
            report(name, "public", "hidden", setupHidden + " ms", runs, model,
                    (x, r) -> ZkProver.prove(hidden, hidden.reserveSlot(), x, 1, ctx, new SecureRandom()).proof().toBytes(),
                    p -> ZkVerifier.verify(hidden.verifierKey(), p, ctx));
            InputLayout hiddenLayout = InputLayout.of(hidden.verifierKey());
            report(name, "hidden", "hidden", setupHidden + " ms", runs, model,
                    (x, r) -> ZkProver.prove(hidden, hidden.reserveSlot(),
                            HiddenInput.commit(hiddenLayout, x, 1, ZkFixtures.seed(r), 1), 0, ctx, new SecureRandom())
                            .proof().toBytes(),
                    p -> ZkVerifier.verify(hidden.verifierKey(), p, ctx));
        }
    }

    private static void report(String name, String input, String weights, String setup, int runs, QuantizedModel model,
                               Prove prove, Verify verify) throws Exception {
        List<Long> proveMs = new ArrayList<>();
        List<Long> verifyMs = new ArrayList<>();
        byte[] proof = null;
        VerifiedZkInference v = null;
        for (int r = 0; r <= runs; r++) {
            int[] x = ZkFixtures.input(model.inputSize(), 1, r);
            long t0 = System.nanoTime();
            proof = prove.prove(x, r);
            long t1 = System.nanoTime();
            v = verify.verify(proof);
            long t2 = System.nanoTime();
            if (r > 0) {
                proveMs.add((t1 - t0) / 1_000_000);
                verifyMs.add((t2 - t1) / 1_000_000);
            }
        }
        System.out.printf("| %s | %s | %s | %s | %d ms %s | %d ms | %,d B | %.1f | %s |%n", name, input, weights, setup,
                median(proveMs), proveMs, median(verifyMs), proof.length, v.securityBits(), v.weakestTerm());
    }

    private static long median(List<Long> xs) {
        Long[] s = xs.toArray(new Long[0]);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
