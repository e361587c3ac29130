package io.edgeproof.zkml.zk;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.MaskCommitmentScheme;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.ZkSumcheck;
import io.edgeproof.iop.sumcheck.ZkSumcheckProof;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves one {@link Check}: tabulates each public factor and each form over the whole cube and b (a hidden
 * operand reads its column on b = 0 and its one-time sigma on b = 1; the factor is zero on b = 1), runs the
 * Libra-masked sumcheck and returns the operands' values at the final point (rho, c), which the caller sends
 * and turns into claims. Tables are materialised at full size: the cost is O(cube x (factors + forms)).
 */
final class CheckProver {
    static final String VALUES = "zk-check-values";

    record Result(ZkSumcheckProof proof, long[] point, Ext3[] values) {}

    private CheckProver() {}

    /**
     * @param tables per operand, the column's table (base, or interleaved extension if {@code ext}); ignored for PUBLIC
     * @param sigma  per HIDDEN operand, its slot's mask value
     */
    static Result prove(Check check, long[][] tables, boolean[] ext, Ext3[] sigma, MaskPolynomial mask,
                        MaskCommitmentScheme scheme, Transcript transcript) {
        ZkSumcheck.ProverOutput out = switch (check.shape()) {
            case RoundShape.InnerProduct ip ->
                    ZkSumcheck.prove(new InnerProductRounds(check, tables, ext, sigma), mask, scheme, transcript);
            case RoundShape.Contraction c ->
                    ZkSumcheck.prove(new ContractionRounds(check, c, tables, ext, sigma), mask, scheme, transcript);
            case RoundShape.Tabulated t -> ZkSumcheck.prove(instance(check, tables, ext, sigma), mask, scheme, transcript);
        };
        return finish(check, tables, ext, sigma, out, transcript);
    }

    /** The whole cube tabulated: one table per public factor and per form, for the generic prover. */
    private static SumcheckInstance instance(Check check, long[][] tables, boolean[] ext, Ext3[] sigma) {
        if (check.cube().numVariables() > RoundShape.MAX_TABULATED) {
            throw new IllegalStateException(check.name() + ": a cube of 2^" + check.cube().numVariables()
                    + " points is too large to tabulate");
        }
        List<MultilinearTable> instanceTables = new ArrayList<>();
        Map<List<PublicTable>, Integer> factorIndex = new IdentityHashMap<>();
        for (Term t : check.terms()) {
            if (t.forms().length > 0 && !factorIndex.containsKey(t.factor())) {
                factorIndex.put(t.factor(), instanceTables.size());
                instanceTables.add(MultilinearTable.ext(factorTable(check, t.factor())));
            }
        }
        int firstForm = instanceTables.size();
        for (Form f : check.forms()) {
            instanceTables.add(MultilinearTable.ext(formTable(check, f, tables, ext, sigma)));
        }
        List<SumcheckTerm> terms = new ArrayList<>();
        for (Term t : check.terms()) {
            if (t.forms().length == 0) {
                continue;
            }
            int[] factors = new int[1 + t.forms().length];
            factors[0] = factorIndex.get(t.factor());
            for (int i = 0; i < t.forms().length; i++) {
                factors[i + 1] = firstForm + t.forms()[i];
            }
            terms.add(SumcheckTerm.of(t.coefficient(), factors));
        }
        return new SumcheckInstance(check.numVariables(), instanceTables,
                new SumcheckExpression(instanceTables.size(), terms));
    }

    /** The operands' values at the final point; the revealed ones are absorbed. */
    private static Result finish(Check check, long[][] tables, boolean[] ext, Ext3[] sigma, ZkSumcheck.ProverOutput out,
                                 Transcript transcript) {
        Cube cube = check.cube();
        long[] point = out.point();
        Ext3 c = Ext3.read(point, cube.numVariables());
        Ext3[] values = new Ext3[check.operands().size()];
        List<Ext3> revealed = new ArrayList<>();
        for (int o = 0; o < values.length; o++) {
            Operand op = check.operands().get(o);
            if (!op.revealed()) {
                continue;
            }
            long[] at = op.point(cube, point);
            Ext3 v = ext[o] ? Multilinear.evaluateExt(tables[o], at) : Multilinear.evaluate(tables[o], at);
            if (op.kind() == Operand.Kind.HIDDEN) {
                v = Ext3.ONE.sub(c).mul(v).add(c.mul(sigma[o]));
            }
            values[o] = v;
            revealed.add(v);
        }
        absorb(transcript, revealed);
        return new Result(out.proof(), point, values);
    }

    static void absorb(Transcript transcript, List<Ext3> revealed) {
        long[] flat = new long[3 * revealed.size()];
        for (int i = 0; i < revealed.size(); i++) {
            revealed.get(i).write(flat, i);
        }
        transcript.exts(VALUES, flat);
    }

    /** (1 - b) prod tables, broadcast over the axes the factor does not read; zero on b = 1. */
    static long[] factorTable(Check check, List<PublicTable> factor) {
        Cube cube = check.cube();
        int axes = 0;
        for (PublicTable t : factor) {
            axes |= t.axes();
        }
        long[] product = check.product(factor, axes);
        int size = 1 << cube.numVariables();
        long[] out = new long[6 * size];
        int mask = axes;
        Parallel.forRange(size, 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(product, 3 * cube.project(i, mask), out, 3 * i, 3);
            }
        });
        return out;
    }

    /** The form on b = 0 (columns and public tables) and on b = 1 (sigmas for hidden operands), interleaved. */
    static long[] formTable(Check check, Form form, long[][] tables, boolean[] ext, Ext3[] sigma) {
        Cube cube = check.cube();
        int size = 1 << cube.numVariables();
        int k = form.operands().length;
        long[][] src = new long[k][];
        boolean[] srcExt = new boolean[k];
        Operand[] ops = new Operand[k];
        boolean[] hidden = new boolean[k];
        long[] high = {form.constant(), 0, 0};
        for (int j = 0; j < k; j++) {
            int o = form.operands()[j];
            Operand op = check.operands().get(o);
            src[j] = op.kind() == Operand.Kind.PUBLIC ? op.table().values() : tables[o];
            srcExt[j] = op.kind() == Operand.Kind.PUBLIC ? op.table().ext() : ext[o];
            ops[j] = op;
            hidden[j] = op.kind() == Operand.Kind.HIDDEN;
            if (hidden[j]) {
                Ext3 s = sigma[o].mulBase(form.coefficients()[j]).add(Ext3.read(high, 0));
                s.write(high, 0);
            }
        }
        long[] coef = form.coefficients();
        long[] out = new long[6 * size];
        Parallel.forRange(size, 1 << 12, (from, to) -> {
            for (int i = from; i < to; i++) {
                long v0 = form.constant(), v1 = 0, v2 = 0;
                long h0 = high[0], h1 = high[1], h2 = high[2];
                for (int j = 0; j < k; j++) {
                    int idx = ops[j].index(cube, i);
                    long a0, a1 = 0, a2 = 0;
                    if (srcExt[j]) {
                        a0 = Goldilocks.mul(coef[j], src[j][3 * idx]);
                        a1 = Goldilocks.mul(coef[j], src[j][3 * idx + 1]);
                        a2 = Goldilocks.mul(coef[j], src[j][3 * idx + 2]);
                    } else {
                        a0 = Goldilocks.mul(coef[j], src[j][idx]);
                    }
                    v0 = Goldilocks.add(v0, a0);
                    v1 = Goldilocks.add(v1, a1);
                    v2 = Goldilocks.add(v2, a2);
                    if (!hidden[j]) {
                        h0 = Goldilocks.add(h0, a0);
                        h1 = Goldilocks.add(h1, a1);
                        h2 = Goldilocks.add(h2, a2);
                    }
                }
                out[3 * i] = v0;
                out[3 * i + 1] = v1;
                out[3 * i + 2] = v2;
                int j = 3 * (i + size);
                out[j] = h0;
                out[j + 1] = h1;
                out[j + 2] = h2;
            }
        });
        return out;
    }
}
