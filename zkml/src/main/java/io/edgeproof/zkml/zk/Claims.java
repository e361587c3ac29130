package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.VerifierKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claims a proof leaves on its commitments, collected in check order by prover and verifier alike. Per
 * check and group read: the revealed values v_j = (1 - c) C_j(rho) + c sigma_j of its columns, batched with
 * a challenge gamma drawn after they are absorbed, as one evaluation of the group's block and one of its
 * masks: sum_j eq(gamma, j) v_j = (1 - c) G(rho, gamma) + c S(gamma). Plus each check's Libra mask value,
 * the LogUp sum (P2) and, for public weights, plain evaluation claims on the public-mode commitment.
 */
final class Claims {
    static final String GAMMA = "zk-group-gamma";

    /** A hidden polynomial claims go to: a per-proof one, the input, or one part of the weights. */
    record Target(ZkPlan.Poly poly, int part) {}

    private final ZkPlan plan;
    private final int inputSlot;
    private final int weightSlot;
    private final VerifierKey publicKey;
    private final Map<Target, List<WeightedClaim>> hidden = new java.util.HashMap<>();
    private final List<EvaluationClaim> plain = new ArrayList<>();

    /** {@code publicKey}: the public-mode key whose weight commitment holds public weights (else null). */
    Claims(ZkPlan plan, int inputSlot, int weightSlot, VerifierKey publicKey) {
        this.plan = plan;
        this.inputSlot = inputSlot;
        this.weightSlot = weightSlot;
        this.publicKey = publicKey;
    }

    /** The mask a group of a committed input or weights uses in this proof: its element in the mask block. */
    int staticSlot(ZkPlan.Group g) {
        return g.poly() == ZkPlan.Poly.INPUT ? inputSlot * ZkPlan.inputSlotsPerProof()
                : plan.weightLayout.mask(g.weightBlock(), weightSlot);
    }

    /** The block holding a committed input's or weight part's masks. */
    int staticMaskBlock(ZkPlan.Group g) {
        return g.poly() == ZkPlan.Poly.INPUT ? ZkPlan.sigmaArray(plan.inputLayout) : plan.weightLayout.maskBlock(g.part());
    }

    /**
     * The claims of check {@code c} at its final point, from the operands' values, and of its Libra mask.
     * Draws one batching challenge per group of more than one column (both sides, same order).
     */
    void add(int c, Check check, long[] point, Ext3[] values, DeferredMask mask, Transcript t) {
        Ext3 cMask = Ext3.read(point, check.cube().numVariables());
        ZkPlan.CheckSlots cs = plan.checkSlots.get(c);
        for (ZkPlan.GroupUse use : cs.groups()) {
            ZkPlan.Group g = plan.groups.get(use.group());
            long[] gamma = t.challengeExts(GAMMA, g.columnBits());
            long[] weights = Multilinear.eqTable(gamma);
            Ext3 value = Ext3.ZERO;
            long[] z = null;
            for (int o = 0; o < values.length; o++) {
                Operand op = check.operands().get(o);
                if (op.kind() == Operand.Kind.HIDDEN && plan.column(op.column()).group() == use.group()) {
                    value = value.add(Ext3.read(weights, plan.column(op.column()).index()).mul(values[o]));
                    z = op.point(check.cube(), point);
                }
            }
            Layout l = plan.layout(g);
            long[] columnPoint = Layout.concat(z, gamma);
            Target target = new Target(g.poly(), g.part());
            if (use.sigmaBlock() >= 0) {
                of(target).add(l.masked(g.block(), g.ext(), columnPoint, use.sigmaBlock(), gamma, cMask, value));
            } else {
                int array = staticMaskBlock(g);
                long[] s = Layout.bits(staticSlot(g), l.blockVars(array) - 2);
                of(target).add(l.masked(g.block(), g.ext(), columnPoint, array, s, cMask, value));
            }
        }
        for (int o = 0; o < values.length; o++) {
            Operand op = check.operands().get(o);
            if (op.kind() == Operand.Kind.CLEAR) {
                ZkPlan.Column col = plan.column(op.column());
                DenseCircuit.Placement p = DenseCircuit.weightPlacement(publicKey, col.index() / 2, col.index() % 2 == 1);
                int vars = DenseCircuit.weightCommitments(publicKey).get(p.polynomial()).numVariables();
                long[] z = check.cube().restrict(point, op.axes());
                plain.add(new EvaluationClaim(p.polynomial(), Layout.embed(z, p.offset(), vars), values[o]));
            }
        }
        of(ZkPlan.Poly.P1).add(plan.p1.maskClaim(cs.maskBlock(), cs.numVariables(), mask.point(), mask.value()));
    }

    /**
     * The LogUp sums, each a claim of value zero on P2: the range lookups' inverse columns minus the range
     * table side, and per Lookup step its inverse column minus its table side (separate sums: a limb must
     * not be matched by an activation table row).
     */
    void addLookupSum() {
        java.util.Set<Integer> activation = new java.util.HashSet<>();
        for (ZkPlan.TableColumns tc : plan.tables) {
            if (tc != null) {
                activation.add(plan.column(tc.inverse()).group());
                activation.add(plan.column(tc.tableInverse()).group());
                addZeroSum(List.of(plan.column(tc.inverse()).group(), plan.column(tc.tableInverse()).group()),
                        tc.tableInverse());
            }
        }
        List<Integer> range = new ArrayList<>();
        for (int g = 0; g < plan.groups.size(); g++) {
            if (plan.groups.get(g).poly() == ZkPlan.Poly.P2 && !activation.contains(g)) {
                range.add(g);
            }
        }
        addZeroSum(range, plan.tableInverse);
    }

    /** sum over the groups' columns, the group holding {@code tableSide} with sign -1, is zero. */
    private void addZeroSum(List<Integer> groups, int tableSide) {
        int n = groups.size();
        int[] ids = new int[n], vars = new int[n], cols = new int[n];
        long[] signs = new long[n];
        for (int i = 0; i < n; i++) {
            ZkPlan.Group g = plan.groups.get(groups.get(i));
            ids[i] = g.block();
            vars[i] = g.vars();
            cols[i] = g.columns().length;
            signs[i] = g.columns()[0] == tableSide ? ZkPlan.neg(1) : 1;
        }
        of(ZkPlan.Poly.P2).add(plan.p2.zeroSum(ids, vars, cols, signs));
    }

    /** The claims on a per-proof polynomial or the input. */
    List<WeightedClaim> of(ZkPlan.Poly poly) {
        return of(new Target(poly, 0));
    }

    List<WeightedClaim> of(Target target) {
        return hidden.computeIfAbsent(target, k -> new ArrayList<>());
    }

    List<EvaluationClaim> plain() {
        return plain;
    }
}
