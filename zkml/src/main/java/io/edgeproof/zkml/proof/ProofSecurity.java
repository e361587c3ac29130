package io.edgeproof.zkml.proof;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.lookup.LogUpGkr;
import io.edgeproof.iop.lookup.RangeTable;
import io.edgeproof.iop.security.SecurityBudget;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;

/**
 * The soundness of one proof, term by term (bits = -log2 of each error probability):
 * <ul>
 * <li>output check: two different multilinear polynomials in n variables agree at a random point with
 *     probability at most n/|F| (Schwartz-Zippel);</li>
 * <li>zero-checks: n/|F| for the point tau, 2/|F| for the lambda combination (Linear), plus the sumcheck's
 *     d n/|F| (d = 3);</li>
 * <li>max-pool zero-checks (n + (J + 1) n)/|F|, and their window step: (J - 1)/|F| for the beta
 *     combination plus a degree-2 sumcheck over the input (2 n/|F|); a Conv's window sumcheck 2 n/|F|;</li>
 * <li>softmax: its lookup, a zero-check of six constraints ((n + 5 + 3n)/|F|) and the row-sum sumcheck
 *     (row point, mu, and 2n/|F|);</li>
 * <li>matmul sumcheck (2 k/|F|), the range lookup (LogUp-GKR over the limb region and 2^16 rows), the limb
 *     decompositions (n/|F| each, summed), the random combination of all block claims (1/|F|) and the
 *     Basefold opening of all committed polynomials at those claims (every term of {@code BasefoldSecurity},
 *     whose sumcheck term covers the point reduction that merges them).</li>
 * </ul>
 * The range checks, the clamp constraints and the field-size bounds checked at setup
 * ({@code ModelCircuit.noWrap}) make the relations exact over the integers; they add no error term.
 */
final class ProofSecurity {
    private ProofSecurity() {}

    static SecurityBudget budget(VerifierKey key, WitnessPlan plan, ProofSession session) {
        SecurityBudget b = new SecurityBudget();
        ModelCircuit circuit = plan.circuit;
        int[] outputs = circuit.outputs();
        for (int i = 0; i < outputs.length; i++) {
            b.add("output." + i, bits(plan.tensorVars(outputs[i])));
        }
        for (int s = 0; s < circuit.steps().size(); s++) {
            ModelCircuit.Step step = circuit.steps().get(s);
            int n = plan.tensorVars(step.output());
            switch (step) {
                case ModelCircuit.Linear l -> {
                    b.add("step" + s + ".linear.zero_check", bits(n + 2 + 3.0 * n));
                    b.add("step" + s + ".linear.matmul", SumcheckVerifier.soundnessBits(circuit.featureVars(l), 2));
                    if (l.isConv()) {
                        b.add("step" + s + ".conv.window", SumcheckVerifier.soundnessBits(plan.tensorVars(l.input()), 2));
                    }
                }
                case ModelCircuit.Relu r -> b.add("step" + s + ".relu.zero_check", bits(n + 3.0 * n));
                case RequantStep q -> {
                    b.add("step" + s + ".requant.zero_check", bits(n + 2 + q.degree() * (double) n));
                    if (q.kind() == RequantStep.Kind.MATMUL) {
                        MatMulCheck.Geometry g = MatMulCheck.geometry(plan, q);
                        b.add("step" + s + ".requant.matmul",
                                SumcheckVerifier.soundnessBits(g.sumVars(MatMulCheck.batchVars(plan, q)), 3));
                    }
                    if (q.mappedInput() > 0) {
                        b.add("step" + s + ".requant.map", SumcheckVerifier.soundnessBits(plan.tensorVars(q.mappedInput()), 2));
                    }
                }
                case GatherStep g -> {
                    b.add("step" + s + ".layout.point", bits(n));
                    if (g.input() != 0) {
                        b.add("step" + s + ".layout.map", SumcheckVerifier.soundnessBits(plan.tensorVars(g.input()), 2));
                    }
                }
                case TableStep t -> b.add("step" + s + ".lookup", LogUpGkr.soundnessBits(1 << n, TableStep.SIZE, 2));
                case SoftmaxStep x -> {
                    b.add("step" + s + ".softmax.lookup", LogUpGkr.soundnessBits(1 << n, TableStep.SIZE, 2));
                    b.add("step" + s + ".softmax.zero_check", bits(n + 5 + 3.0 * n));
                    b.add("step" + s + ".softmax.row_sum", bits(plan.rowVars(x.output()) + 1 + 2.0 * n));
                }
                case ModelCircuit.MaxPool m -> {
                    int d = m.window().size() + 1;
                    b.add("step" + s + ".maxpool.zero_check", bits(n + d * (double) n));
                    b.add("step" + s + ".maxpool.window", bits(m.window().size() - 1 + 2.0 * plan.tensorVars(m.input())));
                }
            }
        }
        b.add("range.lookup", LogUpGkr.soundnessBits(plan.region.chunkVars, 1 << RangeTable.LIMB_BITS, 1));
        // one identity per checked column and per companion at a random point; a defining column's
        // definition is exact (the virtual block is that combination), no error
        double points = 0;
        for (int k = 0; k < plan.ranges.size(); k++) {
            RangeColumn c = plan.ranges.get(k);
            points += Math.max(1, c.vars()) * ((RangeChecks.defining(plan, k) ? 0.0 : 1.0) + c.boundedLimbs().length);
        }
        b.add("range.decomposition", bits(points));
        BlockLayout wl = key.weightPlan().layout;
        // the opening's point reduction combines every block claim with independent random coefficients
        b.add("basefold.claim_combination", bits(1));
        int maxVars = 0;
        for (int v : InferenceProof.openedVars(key, plan)) {
            maxVars = Math.max(maxVars, v);
        }
        b.addBasefold("basefold", key.params(), maxVars, wl.polynomials() + plan.layout.polynomials());
        return b;
    }

    /** -log2(terms / |F|): a Schwartz-Zippel style error of {@code terms} over the extension field. */
    private static double bits(double terms) {
        return Ext3.LOG2_ORDER - Math.log(Math.max(1, terms)) / Math.log(2);
    }
}
