package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.SumcheckExpression;
import io.edgeproof.iop.sumcheck.SumcheckInstance;
import io.edgeproof.iop.sumcheck.SumcheckProver;
import io.edgeproof.iop.sumcheck.SumcheckProverOutput;
import io.edgeproof.iop.sumcheck.SumcheckTerm;
import io.edgeproof.iop.sumcheck.SumcheckVerifier;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.Requant;
import java.util.List;

/**
 * A Linear step with requantization and clamp, over all (row i, channel n) of the padded output block:
 * <pre>
 *   M_n (sel_i bias_n + A[i, n]) + sel_i 2^(s_n - 1) - 2^(s_n) (y + e (2y + 1) / 65535) - r = 0   (requantization)
 *   e (y - 2^15 + 1) (y + 2^15) = 0                                                             (clamp)
 * </pre>
 * with A = x w^T, sel_i = 1 on real rows (padding rows then hold zeros), and the range checks
 * y int16, 0 <= r < 2^(s_n), 0 <= e < 2^(E_n) elsewhere: e is nonzero only at y = 32767, where
 * (2y + 1) / 65535 = 1 and t = y + e, or at y = -32768, where it is -1 and t = y - e. The two vectors are
 * combined with 1 and lambda and checked to vanish at a random point tau (a zero-check: sum_b eq(tau, b)
 * C(b) = 0, degree 4); A(rho) at its end point is then reduced by Thaler's matmul sumcheck to x(kappa, rho_i)
 * and w(kappa, rho_n). Padded channels have M = 0, 2^s = 1 and zero bounds, which forces their values to 0.
 * A Conv is the same with x the im2col matrix of patches (never committed): its claim at (kappa, rho_i) is
 * sum_q x(q) T(q) for the separable window weight T of {@link WindowMap}, computed by the verifier when x
 * is the public input, else reduced by a product sumcheck over x's block to a claim x(zeta).
 */
final class LinearCheck {
    private static final int E = 0, MT = 1, ST = 2, A = 3, BS = 4, HS = 5, Y = 6, EX = 7, R = 8;
    /** 1 / (2^16 - 1): (2y + 1) / 65535 is 1 at y = 32767 and -1 at y = -32768. */
    private static final long INVERSE_SPAN = Goldilocks.inverse(Requant.HI - Requant.LO);

    private LinearCheck() {}

    static InferenceProof.LinearProof prove(ProofSession session, int step, ModelCircuit.Linear l) {
        WitnessPlan plan = session.plan;
        int rv = plan.rowVars(l.output());
        int nv = plan.colVars(l.output());
        int kv = plan.circuit.featureVars(l);
        long[] tau = session.transcript.challengeExts("linear-tau", rv + nv);
        Ext3 lambda = session.transcript.challengeExt("linear-lambda");
        long[] x = session.tensorTable(l.input());
        long[] w = session.proverWeights[session.weights.weightBlock[step]];
        long[] bias = session.proverWeights[session.weights.biasBlock[step]];
        int size = 1 << (rv + nv);
        long[] sel = plan.rowSelector(l.output());
        long[][] tables = new long[9][];
        tables[MT] = broadcast(channelConstants(l, nv, 0), rv);
        tables[ST] = broadcast(channelConstants(l, nv, 1), rv);
        tables[HS] = masked(broadcast(channelConstants(l, nv, 2), rv), sel, nv);
        tables[BS] = masked(broadcast(bias, rv), sel, nv);
        tables[A] = WitnessBuilder.toField(WitnessBuilder.padded(plan, l.output(),
                session.witness.trace().linear()[step].dot()));
        long[][] blocks = session.witness.blocks();
        tables[Y] = blocks[plan.tensorBlock[l.output()]];
        tables[EX] = blocks[plan.excessBlock[step]];
        tables[R] = blocks[plan.remainderBlock[step]];
        List<MultilinearTable> mts = new java.util.ArrayList<>();
        for (int t = 1; t < tables.length; t++) {
            if (tables[t].length != size) {
                throw new IllegalStateException("table " + t + " of step " + step + " has the wrong size");
            }
            mts.add(MultilinearTable.base(tables[t]));
        }
        SumcheckProverOutput zero = SumcheckProver.proveEqWeighted(tau,
                new SumcheckInstance(rv + nv, mts, expression(lambda).withoutFactor(0)), session.transcript);
        long[] rho = zero.point();
        long[] rhoN = ProofSession.slice(rho, 0, nv);
        long[] rhoI = ProofSession.slice(rho, nv, rv + nv);
        Ext3[] finals = {zero.finalEvaluation(A), Multilinear.evaluate(bias, rhoN), zero.finalEvaluation(Y),
                zero.finalEvaluation(EX), zero.finalEvaluation(R)};
        bindFinals(session, finals);

        long[] eqRows = Multilinear.eqTable(rhoI);
        WindowMap map = l.isConv() ? new WindowMap(plan, l.input(), l.output(), l.window()) : null;
        long[] xRho = l.isConv() ? map.foldPatches(x, eqRows) : foldRows(x, eqRows, kv);
        long[] wRho = foldRows(w, Multilinear.eqTable(rhoN), kv);
        SumcheckProverOutput mm = SumcheckProver.prove(
                SumcheckInstance.productOfTwo(MultilinearTable.ext(xRho), MultilinearTable.ext(wRho)), session.transcript);
        long[] kappa = mm.point();
        Ext3 xValue = l.input() == 0 ? null : mm.finalEvaluation(0);
        Ext3 wValue = mm.finalEvaluation(1);
        bindMatmul(session, xValue, wValue);
        session.claimWeight(session.weights.weightBlock[step], ProofSession.concat(kappa, rhoN), wValue);
        recordFinals(session, step, l, rho, finals);
        if (!l.isConv()) {
            session.claimTensor(l.input(), ProofSession.concat(kappa, rhoI), mm.finalEvaluation(0));
            return new InferenceProof.LinearProof(zero.claimedSum(), zero.proof(), finals, mm.proof(), xValue, wValue,
                    null, null);
        }
        if (l.input() == 0) {
            return new InferenceProof.LinearProof(zero.claimedSum(), zero.proof(), finals, mm.proof(), null, wValue,
                    null, null);
        }
        long[] t = map.weights(map.convFactors(kappa, rhoI));
        SumcheckProverOutput win = SumcheckProver.prove(
                SumcheckInstance.productOfTwo(MultilinearTable.base(x), MultilinearTable.ext(t)), session.transcript);
        Ext3 xz = win.finalEvaluation(0);
        session.transcript.ext("conv-input", xz);
        session.claimTensor(l.input(), win.point(), xz);
        return new InferenceProof.LinearProof(zero.claimedSum(), zero.proof(), finals, mm.proof(), xValue, wValue,
                win.proof(), xz);
    }

    static void verify(ProofSession session, int step, ModelCircuit.Linear l, InferenceProof.LinearProof proof)
            throws VerificationException {
        WitnessPlan plan = session.plan;
        int rv = plan.rowVars(l.output());
        int nv = plan.colVars(l.output());
        int kv = plan.circuit.featureVars(l);
        long[] tau = session.transcript.challengeExts("linear-tau", rv + nv);
        Ext3 lambda = session.transcript.challengeExt("linear-lambda");
        String where = "step " + step + " (" + (l.isConv() ? "Conv" : "Linear") + " at node " + (l.node() + 1) + ")";
        if (!proof.zeroSum().isZero()) {
            throw new VerificationException(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, where + ": constraint sum is not zero");
        }
        SubClaim sub = SumcheckVerifier.verify(Ext3.ZERO, rv + nv, 4, proof.zeroCheck(), session.transcript);
        long[] rho = sub.point();
        long[] rhoN = ProofSession.slice(rho, 0, nv);
        long[] rhoI = ProofSession.slice(rho, nv, rv + nv);
        Ext3[] f = proof.finals();
        Ext3 sel = Multilinear.evaluate(plan.rowSelector(l.output()), rhoI);
        long[] values = new long[27];
        Multilinear.eq(tau, rho).write(values, E);
        Multilinear.evaluate(channelConstants(l, nv, 0), rhoN).write(values, MT);
        Multilinear.evaluate(channelConstants(l, nv, 1), rhoN).write(values, ST);
        f[0].write(values, A);
        sel.mul(f[1]).write(values, BS);
        sel.mul(Multilinear.evaluate(channelConstants(l, nv, 2), rhoN)).write(values, HS);
        for (int i = 2; i < InferenceProof.LinearProof.FINALS; i++) {
            f[i].write(values, Y + i - 2);
        }
        sub.requireValue(expression(lambda).evaluate(values));
        bindFinals(session, f);

        SubClaim mm = SumcheckVerifier.verify(f[0], kv, 2, proof.matmul(), session.transcript);
        long[] kappa = mm.point();
        WindowMap map = l.isConv() ? new WindowMap(plan, l.input(), l.output(), l.window()) : null;
        Ext3 xValue;
        if (l.input() != 0) {
            xValue = proof.input();
        } else if (l.isConv()) {
            xValue = map.publicSum(session.inputTable, map.convFactors(kappa, rhoI));
        } else {
            xValue = session.publicInputAt(ProofSession.concat(kappa, rhoI));
        }
        if (!xValue.mul(proof.weight()).equals(mm.expectedValue())) {
            throw new VerificationException(ZkmlReason.LINEAR_MATMUL_MISMATCH,
                    where + ": input x weight at the matmul point differs");
        }
        bindMatmul(session, proof.input(), proof.weight());
        session.claimWeight(session.weights.weightBlock[step], ProofSession.concat(kappa, rhoN), proof.weight());
        recordFinals(session, step, l, rho, f);
        if (!l.isConv()) {
            session.claimTensor(l.input(), ProofSession.concat(kappa, rhoI), xValue);
        } else if (l.input() != 0) {
            WindowMap.Factors factors = map.convFactors(kappa, rhoI);
            SubClaim win = SumcheckVerifier.verify(xValue, map.inputVars(), 2, proof.window(), session.transcript);
            if (!proof.windowInput().mul(map.weightAt(factors, win.point())).equals(win.expectedValue())) {
                throw new VerificationException(ZkmlReason.CONV_WINDOW_MISMATCH,
                        where + ": the patch value is not the input read through the window");
            }
            session.transcript.ext("conv-input", proof.windowInput());
            session.claimTensor(l.input(), win.point(), proof.windowInput());
        }
    }

    private static void recordFinals(ProofSession session, int step, ModelCircuit.Linear l, long[] rho, Ext3[] f) {
        WitnessPlan plan = session.plan;
        long[] rhoN = ProofSession.slice(rho, 0, plan.colVars(l.output()));
        session.claimWeight(session.weights.biasBlock[step], rhoN, f[1]);
        session.witnessClaims.add(plan.tensorBlock[l.output()], rho, f[2]);
        session.witnessClaims.add(plan.excessBlock[step], rho, f[3]);
        session.witnessClaims.add(plan.remainderBlock[step], rho, f[4]);
    }

    private static void bindFinals(ProofSession session, Ext3[] finals) {
        for (Ext3 f : finals) {
            session.transcript.ext("linear-final", f);
        }
    }

    private static void bindMatmul(ProofSession session, Ext3 xValue, Ext3 wValue) {
        if (xValue != null) {
            session.transcript.ext("matmul-input", xValue);
        }
        session.transcript.ext("matmul-weight", wValue);
    }

    /**
     * E M A + E M BS + E HS - E S Y - E S EX (2 Y + 1) / 65535 - E R + lambda E EX (Y - HI) (Y - LO), with
     * (Y - HI) (Y - LO) = Y^2 + Y + HI LO since HI + LO = -1.
     */
    static SumcheckExpression expression(Ext3 lambda) {
        Ext3 one = Ext3.ONE;
        Ext3 minus = one.neg();
        Ext3 span = Ext3.ofBase(INVERSE_SPAN).neg();
        return new SumcheckExpression(9, List.of(
                SumcheckTerm.of(one, E, MT, A), SumcheckTerm.of(one, E, MT, BS), SumcheckTerm.of(one, E, HS),
                SumcheckTerm.of(minus, E, ST, Y), SumcheckTerm.of(span.add(span), E, ST, EX, Y),
                SumcheckTerm.of(span, E, ST, EX), SumcheckTerm.of(minus, E, R),
                SumcheckTerm.of(lambda, E, EX, Y, Y), SumcheckTerm.of(lambda, E, EX, Y),
                SumcheckTerm.of(lambda.mulBase(Goldilocks.fromSigned((long) Requant.HI * Requant.LO)), E, EX)));
    }

    /** Per padded channel: 0 = M_n, 1 = 2^(s_n), 2 = 2^(s_n - 1); padded channels 0, 1, 0. */
    static long[] channelConstants(ModelCircuit.Linear l, int nv, int kind) {
        long[] out = new long[1 << nv];
        for (int c = 0; c < out.length; c++) {
            if (c >= l.out()) {
                out[c] = kind == 1 ? 1 : 0;
            } else {
                int s = l.shifts()[c];
                out[c] = switch (kind) {
                    case 0 -> l.multipliers()[c];
                    case 1 -> Goldilocks.pow(2, s);
                    default -> Goldilocks.pow(2, s - 1);
                };
            }
        }
        return out;
    }

    /** A per-channel table repeated on each of 2^rv rows. */
    private static long[] broadcast(long[] perChannel, int rv) {
        long[] out = new long[perChannel.length << rv];
        for (int i = 0; i < 1 << rv; i++) {
            System.arraycopy(perChannel, 0, out, i * perChannel.length, perChannel.length);
        }
        return out;
    }

    /** Zeroes the rows (of 2^nv entries) where the selector is 0. */
    private static long[] masked(long[] table, long[] rowSelector, int nv) {
        for (int i = 0; i < rowSelector.length; i++) {
            if (rowSelector[i] == 0) {
                java.util.Arrays.fill(table, i << nv, (i + 1) << nv, 0);
            }
        }
        return table;
    }

    /** sum_j eq[j] table[j, .] for a table of rows of 2^kv entries: the rows folded at a point. */
    static long[] foldRows(long[] table, long[] eq, int kv) {
        int width = 1 << kv;
        int rows = table.length >> kv;
        long[] out = new long[3 * width];
        Parallel.forRange(width, 64, (from, to) -> {
            long[] term = new long[3];
            for (int j = 0; j < rows; j++) {
                for (int k = from; k < to; k++) {
                    long v = table[(j << kv) + k];
                    if (v != 0) {
                        Ext3Vec.mulBase(eq, j, v, term, 0);
                        Ext3Vec.add(out, k, term, 0, out, k);
                    }
                }
            }
        });
        return out;
    }
}
