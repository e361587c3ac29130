package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.field.Ext3;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.VerifierKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The claims a proof leaves on its commitments, collected in check order by prover and verifier alike:
 * per hidden polynomial the weighted claims of its masked values, Libra masks and (P2) the LogUp sum; for
 * public weights the plain evaluation claims on the public-mode weight commitment.
 */
final class Claims {
    private final ZkPlan plan;
    private final int inputBase;
    private final int weightBase;
    private final VerifierKey publicKey;
    private final Map<ZkPlan.Poly, List<WeightedClaim>> hidden = new EnumMap<>(ZkPlan.Poly.class);
    private final List<EvaluationClaim> plain = new ArrayList<>();

    /** {@code publicKey}: the public-mode key whose weight commitment holds public weights (else null). */
    Claims(ZkPlan plan, int inputSlot, int weightSlot, VerifierKey publicKey) {
        this.plan = plan;
        this.inputBase = inputSlot * ZkPlan.inputSlotsPerProof();
        this.weightBase = weightSlot * ZkPlan.weightSlotsPerProof(plan.circuit);
        this.publicKey = publicKey;
        for (ZkPlan.Poly p : ZkPlan.Poly.values()) {
            hidden.put(p, new ArrayList<>());
        }
    }

    /** The slot, in its polynomial, of operand {@code o} of check {@code c}. */
    int slot(int c, int o, ZkPlan.Poly poly) {
        int local = plan.checkSlots.get(c).slots()[o];
        return switch (poly) {
            case INPUT -> inputBase + local;
            case WEIGHTS -> weightBase + local;
            case P1, P2 -> local;
        };
    }

    /** The claims of check {@code c}'s revealed values at its final point, and of its Libra mask. */
    void add(int c, Check check, long[] point, Ext3[] values, DeferredMask mask) {
        Ext3 cMask = Ext3.read(point, check.cube().numVariables());
        for (int o = 0; o < values.length; o++) {
            Operand op = check.operands().get(o);
            if (!op.revealed()) {
                continue;
            }
            ZkPlan.Column col = plan.column(op.column());
            long[] z = check.cube().restrict(point, op.axes());
            if (op.kind() == Operand.Kind.HIDDEN) {
                Layout l = plan.layout(col.poly());
                hidden.get(col.poly()).add(l.maskedValue(col.block(), col.ext(), z, cMask, slot(c, o, col.poly()),
                        values[o]));
            } else {
                DenseCircuit.Placement p = DenseCircuit.weightPlacement(publicKey, col.block() / 2, col.block() % 2 == 1);
                int vars = DenseCircuit.weightCommitments(publicKey).get(p.polynomial()).numVariables();
                plain.add(new EvaluationClaim(p.polynomial(), Layout.embed(z, p.offset(), vars), values[o]));
            }
        }
        ZkPlan.CheckSlots cs = plan.checkSlots.get(c);
        hidden.get(ZkPlan.Poly.P1).add(plan.p1.maskClaim(cs.maskBlock(), cs.numVariables(), cs.degree(), mask.point(),
                mask.value()));
    }

    /** The LogUp sum: every inverse column minus the table side sums to zero. */
    void addLookupSum() {
        int n = plan.lookups.size();
        int[] blocks = new int[n + 1];
        long[] signs = new long[n + 1];
        for (int i = 0; i < n; i++) {
            blocks[i] = plan.column(plan.lookups.get(i).inverse()).block();
            signs[i] = 1;
        }
        blocks[n] = plan.column(plan.tableInverse).block();
        signs[n] = ZkPlan.neg(1);
        hidden.get(ZkPlan.Poly.P2).add(plan.p2.zeroSum(blocks, signs));
    }

    List<WeightedClaim> of(ZkPlan.Poly poly) {
        return hidden.get(poly);
    }

    List<EvaluationClaim> plain() {
        return plain;
    }
}
