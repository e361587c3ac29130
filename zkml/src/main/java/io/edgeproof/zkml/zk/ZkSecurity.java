package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldCommitment;
import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.security.SecurityBudget;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.VerifierKey;
import java.util.List;

/**
 * The soundness terms of a zero-knowledge proof (SECURITY.md): per check its masked sumcheck (n d / |F|,
 * +1/|F| for Libra's weight), its zero-check point and constraint combination; the LogUp with committed
 * inverses ((N + 256)/|F| over N looked-up values); every opening (a hiding one is Basefold over n + e
 * variables with the mask as a second polynomial). Reported as the minimum, as everywhere in the project.
 */
final class ZkSecurity {
    private ZkSecurity() {}

    static SecurityBudget budget(BasefoldParams params, ZkPlan plan, ZkStatement st, List<HidingCommitment> weights,
                                 VerifierKey open) {
        SecurityBudget b = new SecurityBudget();
        for (int c = 0; c < plan.checks.size(); c++) {
            ZkPlan.CheckSlots cs = plan.checkSlots.get(c);
            // rounds n d, Libra's weight 1, the zero-check point (n vars), the lambda combination (< 64 terms),
            // the batching of each group's values (its column bits)
            double errors = (double) cs.numVariables() * cs.degree() + 1 + cs.numVariables() + 64 + 16 * cs.groups().size();
            b.add("check." + c + "." + plan.checks.get(c).kind().name().toLowerCase(), bits(errors));
        }
        double lookups = 1 << ZkPlan.TABLE_VARS;
        for (ZkPlan.Lookup l : plan.lookups) {
            lookups += 1 << plan.tensorVars(l.tensor());
        }
        // an inverse column's relation has degree (lookups per column) in alpha: count each entry that often
        lookups *= ZkPlan.LOOKUPS_PER_INVERSE;
        b.add("logup_committed_inverses", bits(lookups));
        for (int s = 0; s < plan.tables.length; s++) {
            if (plan.tables[s] != null) {
                // LogUp over the table's rows (N + 2^16 poles), and zeta's compression of (index, value): one
                // collision per looked-up value and row
                double n = 1 << plan.tensorVars(plan.circuit.steps().get(s).output());
                double rows = 1 << ZkCircuit.Table.VARS;
                b.add("logup_table" + s, bits(n + rows + n * rows));
            }
        }
        addHiding(b, "open.p1", params, plan.p1.numVariables());
        addHiding(b, "open.p2", params, plan.p2.numVariables());
        if (st.inputHidden()) {
            HidingCommitment in = st.inputCommitment().commitment();
            b.addBasefold("open.input", params, in.committedVariables(), 2);
        }
        if (plan.circuit.denseSteps().isEmpty()) {
            return b; // no weights, no weight opening
        }
        if (weights != null) {
            for (int p = 0; p < weights.size(); p++) {
                b.addBasefold("open.weights" + p, params, weights.get(p).committedVariables(), 2);
            }
        } else {
            List<BasefoldCommitment> cs = DenseCircuit.weightCommitments(open);
            int vars = 0;
            for (BasefoldCommitment c : cs) {
                vars = Math.max(vars, c.numVariables());
            }
            b.addBasefold("open.weights", params, vars, cs.size());
        }
        return b;
    }

    private static void addHiding(SecurityBudget b, String name, BasefoldParams params, int n) {
        b.addBasefold(name, params, n + HidingBasefold.extraVariables(params, n, 1), 2);
    }

    private static double bits(double errors) {
        return Ext3.LOG2_ORDER - Math.log(errors) / Math.log(2);
    }
}
