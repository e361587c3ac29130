package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.Requant;
import java.util.ArrayList;
import java.util.List;

/**
 * An element-wise requantized step ({@link RequantStep}) over the padded output block, the Linear
 * constraints with the accumulator built from public per-element constants:
 * <pre>
 *   CA X1 [X2] + CB X2 + H - 2^s (y + e+ - e-) - r = 0,   e+ (y - 2^15 + 1) = 0,   e- (y + 2^15) = 0
 * </pre>
 * with H = offset + 2^(s-1) on real elements (0 on padding, as CA and CB), X1 the first operand (or the
 * map S x for a pool), X2 the second operand; range checks y int16, 0 <= r < 2^s, 0 <= e+-, e- < 2^E.
 * The no-wrap bound checked at setup makes the field equation the integer one, so y = rq(acc) exactly; on
 * padding it reads 2^s (y + e+ - e-) + r = 0, forcing zeros. Zero-checked with 1, lambda, lambda^2 at a
 * random tau (degree 3, 4 for a product); the verifier evaluates the public tables itself (O(block)). The
 * operands' values at the end point rho become claims (checked directly on the public input); a pool's
 * input and a broadcast second operand go through {@link MapSumCheck}.
 */
final class RequantCheck {
    private static final int E = 0, CA = 1, CB = 2, H = 3, Y = 4, EP = 5, EN = 6, R = 7, X1 = 8, X2 = 9;

    /**
     * finals at rho: x1, x2 (two-operand kinds), y, e+, e-, r; the map reduction of a pool over a committed
     * input or of a broadcast operand; the matmul sumcheck of a MATMUL's x1 (its accumulator).
     */
    record Proof(Ext3 zeroSum, SumcheckProof zeroCheck, Ext3[] finals, MapSumCheck.Proof map, MatMulCheck.Proof matmul)
            implements InferenceProof.StepProof {
        void writeTo(ProofWriter w) {
            w.ext(zeroSum);
            zeroCheck.writeTo(w);
            for (Ext3 f : finals) {
                w.ext(f);
            }
            if (map != null) {
                map.writeTo(w);
            }
            if (matmul != null) {
                matmul.writeTo(w);
            }
        }

        static Proof readFrom(ProofReader r, WitnessPlan plan, RequantStep q) throws MalformedProofException {
            Ext3 sum = r.ext("zero-check sum");
            SumcheckProof zero = SumcheckProof.readFrom(r, plan.tensorVars(q.output()), q.degree());
            Ext3[] finals = new Ext3[finalCount(q)];
            for (int i = 0; i < finals.length; i++) {
                finals[i] = r.ext("requant value");
            }
            int mapped = q.mappedInput();
            return new Proof(sum, zero, finals, mapped > 0 ? MapSumCheck.Proof.readFrom(r, plan.tensorVars(mapped)) : null,
                    q.kind() == RequantStep.Kind.MATMUL ? MatMulCheck.Proof.readFrom(r, plan, q) : null);
        }
    }

    private RequantCheck() {}

    static int finalCount(RequantStep q) {
        return q.hasSecondInput() ? 6 : 5;
    }

    static Proof prove(ProofSession session, int step, RequantStep q) {
        WitnessPlan plan = session.plan;
        int vars = plan.tensorVars(q.output());
        long[] tau = session.transcript.challengeExts("requant-tau", vars);
        Ext3 lambda = session.transcript.challengeExt("requant-lambda");
        long[][] blocks = session.witness.blocks();
        long[][] t = new long[10][];
        long[][] pub = publicTables(plan, q);
        t[CA] = pub[0];
        t[CB] = pub[1];
        t[H] = pub[2];
        t[Y] = blocks[plan.tensorBlock[q.output()]];
        t[EP] = blocks[plan.excessHighBlock[step]];
        t[EN] = blocks[plan.excessLowBlock[step]];
        t[R] = blocks[plan.remainderBlock[step]];
        t[X1] = switch (q.kind()) {
            case POOL -> mapped(plan, q, session.tensorTable(q.input()));
            case MATMUL -> MatMulCheck.accTable(session, q);
            default -> session.tensorTable(q.input());
        };
        t[X2] = q.broadcast() ? mapped(plan, q, session.tensorTable(q.input2()))
                : q.hasSecondInput() ? session.tensorTable(q.input2()) : new long[1 << vars];
        List<MultilinearTable> tables = new ArrayList<>();
        for (int i = 1; i < t.length; i++) {
            tables.add(MultilinearTable.base(t[i]));
        }
        SumcheckProverOutput zero = SumcheckProver.proveEqWeighted(tau,
                new SumcheckInstance(vars, tables, expression(q, lambda).withoutFactor(0)), session.transcript);
        long[] rho = zero.point();
        List<Ext3> f = new ArrayList<>();
        f.add(zero.finalEvaluation(X1));
        if (q.hasSecondInput()) {
            f.add(zero.finalEvaluation(X2));
        }
        for (int i : new int[] {Y, EP, EN, R}) {
            f.add(zero.finalEvaluation(i));
        }
        Ext3[] finals = f.toArray(new Ext3[0]);
        bind(session, finals);
        recordClaims(session, step, q, rho, finals);
        MapSumCheck.Proof map = null;
        if (q.kind() == RequantStep.Kind.MATMUL) {
            return new Proof(zero.claimedSum(), zero.proof(), finals, null, MatMulCheck.prove(session, q, rho));
        }
        if (q.kind() == RequantStep.Kind.POOL) {
            map = MapSumCheck.prove(session, q.input(), q.output(), q.map(), rho);
        } else {
            session.claimTensor(q.input(), rho, finals[0]);
            if (q.broadcast()) {
                map = MapSumCheck.prove(session, q.input2(), q.output(), q.map(), rho);
            } else if (q.hasSecondInput()) {
                session.claimTensor(q.input2(), rho, finals[1]);
            }
        }
        return new Proof(zero.claimedSum(), zero.proof(), finals, map, null);
    }

    static void verify(ProofSession session, int step, RequantStep q, Proof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        int vars = plan.tensorVars(q.output());
        String where = "step " + step + " (" + q.kind() + " at node " + (q.node() + 1) + ")";
        long[] tau = session.transcript.challengeExts("requant-tau", vars);
        Ext3 lambda = session.transcript.challengeExt("requant-lambda");
        if (!proof.zeroSum().isZero()) {
            throw new VerificationException(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED, where + ": constraint sum is not zero");
        }
        SubClaim sub = SumcheckVerifier.verify(Ext3.ZERO, vars, q.degree(), proof.zeroCheck(), session.transcript);
        long[] rho = sub.point();
        Ext3[] f = proof.finals();
        long[][] pub = publicTables(plan, q);
        Ext3[] v = new Ext3[10];
        v[E] = Multilinear.eq(tau, rho);
        v[CA] = Multilinear.evaluate(pub[0], rho);
        v[CB] = Multilinear.evaluate(pub[1], rho);
        v[H] = Multilinear.evaluate(pub[2], rho);
        v[X1] = f[0];
        v[X2] = q.hasSecondInput() ? f[1] : Ext3.ZERO;
        int o = q.hasSecondInput() ? 2 : 1;
        v[Y] = f[o];
        v[EP] = f[o + 1];
        v[EN] = f[o + 2];
        v[R] = f[o + 3];
        long[] values = new long[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            v[i].write(values, i);
        }
        sub.requireValue(expression(q, lambda).evaluate(values));
        bind(session, f);
        recordClaims(session, step, q, rho, f);
        if (q.kind() == RequantStep.Kind.MATMUL) {
            MatMulCheck.verify(session, q, rho, f[0], proof.matmul(), where);
            return;
        }
        if (q.kind() == RequantStep.Kind.POOL) {
            MapSumCheck.verify(session, q.input(), q.output(), q.map(), rho, f[0], proof.map(),
                    ZkmlReason.REQUANT_INPUT_MISMATCH, where);
            return;
        }
        operand(session, q.input(), rho, f[0], where);
        if (q.broadcast()) {
            MapSumCheck.verify(session, q.input2(), q.output(), q.map(), rho, f[1], proof.map(),
                    ZkmlReason.REQUANT_INPUT_MISMATCH, where);
        } else if (q.hasSecondInput()) {
            operand(session, q.input2(), rho, f[1], where);
        }
    }

    /** A claim on a committed operand, or a direct check of the public input. */
    private static void operand(ProofSession session, int tensor, long[] rho, Ext3 value, String where)
            throws VerificationException {
        if (tensor == 0 && !session.publicInputAt(rho).equals(value)) {
            throw new VerificationException(ZkmlReason.REQUANT_INPUT_MISMATCH, where + ": operand is not the public input");
        }
        session.claimTensor(tensor, rho, value);
    }

    private static void recordClaims(ProofSession session, int step, RequantStep q, long[] rho, Ext3[] f) {
        WitnessPlan plan = session.plan;
        int o = q.hasSecondInput() ? 2 : 1;
        session.claimTensor(q.output(), rho, f[o]);
        session.witnessClaims.add(plan.excessHighBlock[step], rho, f[o + 1]);
        session.witnessClaims.add(plan.excessLowBlock[step], rho, f[o + 2]);
        session.witnessClaims.add(plan.remainderBlock[step], rho, f[o + 3]);
    }

    private static void bind(ProofSession session, Ext3[] finals) {
        for (Ext3 f : finals) {
            session.transcript.ext("requant-final", f);
        }
    }

    /** CA, CB and H = offset + 2^(s-1) over the padded output block (zero on padding). */
    static long[][] publicTables(WitnessPlan plan, RequantStep q) {
        ModelCircuit.Tensor t = plan.circuit.tensor(q.output());
        int size = 1 << plan.tensorVars(q.output());
        long[][] out = {new long[size], new long[size], new long[size]};
        long half = 1L << (q.shift() - 1);
        for (int b = 0; b < plan.batch; b++) {
            for (int i = 0; i < t.size(); i++) {
                int j = t.blockIndex(b, i);
                out[0][j] = Goldilocks.fromSigned(q.ca()[i]);
                out[1][j] = Goldilocks.fromSigned(q.cb()[i]);
                out[2][j] = Goldilocks.add(Goldilocks.fromSigned(q.offset()[i]), half);
            }
        }
        return out;
    }

    /** (S x) over the padded output block, S the step's map (window or reduction sums, or a broadcast). */
    static long[] mapped(WitnessPlan plan, RequantStep q, long[] x) {
        ModelCircuit.Tensor in = plan.circuit.tensor(q.mappedInput());
        ModelCircuit.Tensor out = plan.circuit.tensor(q.output());
        long[] s = new long[1 << plan.tensorVars(q.output())];
        SparseMap map = q.map();
        for (int b = 0; b < plan.batch; b++) {
            for (int k = 0; k < map.pairs(); k++) {
                int j = out.blockIndex(b, map.out()[k]);
                s[j] = Goldilocks.add(s[j], x[in.blockIndex(b, map.in()[k])]);
            }
        }
        return s;
    }

    /** E (CA X1 [X2] + CB X2 + H - 2^s (Y + EP - EN) - R) + lambda E EP (Y - HI) + lambda^2 E EN (Y - LO). */
    static SumcheckExpression expression(RequantStep q, Ext3 lambda) {
        Ext3 one = Ext3.ONE;
        Ext3 s = Ext3.ofBase(1L << q.shift());
        Ext3 l2 = lambda.square();
        List<SumcheckTerm> terms = new ArrayList<>();
        terms.add(q.kind() == RequantStep.Kind.MUL ? SumcheckTerm.of(one, E, CA, X1, X2) : SumcheckTerm.of(one, E, CA, X1));
        if (q.kind() == RequantStep.Kind.ADD) {
            terms.add(SumcheckTerm.of(one, E, CB, X2));
        }
        terms.addAll(List.of(SumcheckTerm.of(one, E, H), SumcheckTerm.of(s.neg(), E, Y), SumcheckTerm.of(s.neg(), E, EP),
                SumcheckTerm.of(s, E, EN), SumcheckTerm.of(one.neg(), E, R),
                SumcheckTerm.of(lambda, E, EP, Y), SumcheckTerm.of(lambda.mulBase(Goldilocks.fromSigned(-Requant.HI)), E, EP),
                SumcheckTerm.of(l2, E, EN, Y), SumcheckTerm.of(l2.mulBase(Goldilocks.fromSigned(-Requant.LO)), E, EN)));
        return new SumcheckExpression(10, terms);
    }
}
