package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
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
import java.util.List;

/**
 * The accumulator of a MatMul of two activations, acc[b, p, i, j] = sum_k A[b, p, i, k] B[b, p, k, j] (p the
 * head, b the sample), as the X1 operand of a {@link RequantStep} of kind MATMUL. Every operand's block index
 * is a concatenation of bit fields (head, row, column, sample), so a claim acc(tau) splits tau into
 * (tau_p, tau_i, tau_j, tau_b) and Thaler's matmul sumcheck over (k, p, b) proves
 * <pre>  acc(tau) = sum_{k,p,b} eq((tau_p, tau_b), (p, b)) A(p, tau_i, k, b) B(p, k, tau_j, b)  </pre>
 * (A folded over its rows by eq(tau_i), B over its columns by eq(tau_j); degree 3), ending in one claim on
 * each operand at (sigma_p, tau_i, sigma_k, sigma_b) and (sigma_p, sigma_k, tau_j, sigma_b). Padded heads,
 * rows, columns and inner entries are zero in the committed blocks, so the sums are the engine's.
 */
final class MatMulCheck {
    /** Bit fields of one operand's block index; the sample index starts at {@code sampleVars}. */
    record Axes(int headAt, int headVars, int rowAt, int rowVars, int colAt, int colVars, int sampleVars,
                int heads, int rows, int cols) {
        /**
         * Spatial [heads, rows, cols] (heads = channels), or plain: the heads' row blocks stacked, with
         * power-of-two heads and rows; else null.
         */
        static Axes of(ModelCircuit.Tensor t, int heads) {
            int cv = t.colVars();
            if (t.isSpatial()) {
                return t.cols() != heads ? null : new Axes(0, cv, cv + t.wVars(), t.hVars(), cv, t.wVars(),
                        t.sampleVars(), t.cols(), t.height(), t.width());
            }
            int rows = t.rowsPerSample() / heads;
            if (Integer.bitCount(rows) != 1 || Integer.bitCount(heads) != 1 || rows * heads != t.rowsPerSample()) {
                return null;
            }
            int rv = Integer.numberOfTrailingZeros(rows);
            return new Axes(cv + rv, Integer.numberOfTrailingZeros(heads), cv, rv, 0, cv, t.sampleVars(), heads, rows,
                    t.cols());
        }

        int index(int sample, int head, int row, int col) {
            return (sample << sampleVars) | (head << headAt) | (row << rowAt) | (col << colAt);
        }

        /** The point on this operand's block from its fields' coordinates (interleaved Ext3). */
        long[] point(long[] head, long[] row, long[] col, long[] sample) {
            long[] p = new long[3 * (sampleVars + sample.length / 3)];
            System.arraycopy(head, 0, p, 3 * headAt, head.length);
            System.arraycopy(row, 0, p, 3 * rowAt, row.length);
            System.arraycopy(col, 0, p, 3 * colAt, col.length);
            System.arraycopy(sample, 0, p, 3 * sampleVars, sample.length);
            return p;
        }

        long[] headsOf(long[] point) {
            return ProofSession.slice(point, headAt, headAt + headVars);
        }

        long[] rowsOf(long[] point) {
            return ProofSession.slice(point, rowAt, rowAt + rowVars);
        }

        long[] colsOf(long[] point) {
            return ProofSession.slice(point, colAt, colAt + colVars);
        }

        long[] samplesOf(long[] point) {
            return ProofSession.slice(point, sampleVars, point.length / 3);
        }
    }

    /** A [heads, m, k] times B [heads, k, n] into Y [heads, m, n]; the heads' bits are the same count in all three. */
    record Geometry(Axes a, Axes b, Axes y) {
        /** The geometry, or null when the layouts do not fit (shapes, no head broadcast, plain rows). */
        static Geometry of(List<ModelCircuit.Tensor> tensors, int a, int b, int y, int heads) {
            return of(tensors.get(a), tensors.get(b), tensors.get(y), heads);
        }

        static Geometry of(ModelCircuit.Tensor a, ModelCircuit.Tensor b, ModelCircuit.Tensor y, int heads) {
            Axes aa = Axes.of(a, heads);
            Axes ba = Axes.of(b, heads);
            Axes ya = Axes.of(y, heads);
            if (aa == null || ba == null || ya == null || aa.heads() != ba.heads() || aa.heads() != ya.heads()
                    || aa.rows() != ya.rows() || ba.cols() != ya.cols() || aa.cols() != ba.rows()) {
                return null;
            }
            return new Geometry(aa, ba, ya);
        }

        int inner() {
            return a.cols();
        }

        int sumVars(int batchVars) {
            return a.colVars() + y.headVars() + batchVars;
        }
    }

    /** The sumcheck and the operands' values at its end point. */
    record Proof(SumcheckProof sumcheck, Ext3 a, Ext3 b) {
        void writeTo(ProofWriter w) {
            sumcheck.writeTo(w);
            w.ext(a).ext(b);
        }

        static Proof readFrom(ProofReader r, WitnessPlan plan, RequantStep q) throws MalformedProofException {
            int vars = geometry(plan, q).sumVars(batchVars(plan, q));
            return new Proof(SumcheckProof.readFrom(r, vars, 3), r.ext("matmul operand"), r.ext("matmul operand"));
        }
    }

    private MatMulCheck() {}

    static Geometry geometry(WitnessPlan plan, RequantStep q) {
        return Geometry.of(plan.circuit.tensors(), q.input(), q.input2(), q.output(), q.heads());
    }

    static int batchVars(WitnessPlan plan, RequantStep q) {
        return plan.tensorVars(q.output()) - plan.circuit.tensor(q.output()).sampleVars();
    }

    /** acc over the output's padded block, from the operands' field tables (zero on padding). */
    static long[] accTable(ProofSession session, RequantStep q) {
        Geometry g = geometry(session.plan, q);
        long[] a = session.tensorTable(q.input());
        long[] b = session.tensorTable(q.input2());
        long[] acc = new long[1 << session.plan.tensorVars(q.output())];
        int heads = g.y().heads();
        Parallel.forRange(session.plan.batch * heads, 1, (from, to) -> {
            for (int sp = from; sp < to; sp++) {
                int s = sp / heads;
                int p = sp % heads;
                for (int i = 0; i < g.y().rows(); i++) {
                    for (int j = 0; j < g.y().cols(); j++) {
                        long sum = 0;
                        for (int k = 0; k < g.inner(); k++) {
                            sum = Goldilocks.add(sum, Goldilocks.mul(a[g.a().index(s, p, i, k)], b[g.b().index(s, p, k, j)]));
                        }
                        acc[g.y().index(s, p, i, j)] = sum;
                    }
                }
            }
        });
        return acc;
    }

    /** Integer accumulators in the engine's order (sample, head, row, column), the operands in theirs. */
    static long[] dot(Geometry g, int[] a, int[] b, int batch) {
        int m = g.y().rows(), n = g.y().cols(), kk = g.inner(), heads = g.y().heads();
        long[] acc = new long[batch * heads * m * n];
        for (int sp = 0; sp < batch * heads; sp++) {
            int ao = sp * m * kk, bo = sp * kk * n, yo = sp * m * n;
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < kk; k++) {
                    long av = a[ao + i * kk + k];
                    for (int j = 0; j < n; j++) {
                        acc[yo + i * n + j] += av * b[bo + k * n + j];
                    }
                }
            }
        }
        return acc;
    }

    /** Proves acc(tau) = value (the zero-check's X1 at its end point) and claims the operands. */
    static Proof prove(ProofSession session, RequantStep q, long[] tau) {
        WitnessPlan plan = session.plan;
        Geometry g = geometry(plan, q);
        int bv = batchVars(plan, q);
        int kv = g.a().colVars(), hv = g.y().headVars();
        int vars = g.sumVars(bv);
        long[] eqI = Multilinear.eqTable(g.y().rowsOf(tau));
        long[] eqJ = Multilinear.eqTable(g.y().colsOf(tau));
        long[] eqHb = Multilinear.eqTable(ProofSession.concat(g.y().headsOf(tau), g.y().samplesOf(tau)));
        long[] a = session.tensorTable(q.input());
        long[] b = session.tensorTable(q.input2());
        long[] fa = new long[3 << vars];
        long[] fb = new long[3 << vars];
        long[] e = new long[3 << vars];
        long[] term = new long[3];
        for (int s = 0; s < 1 << bv; s++) {
            for (int p = 0; p < 1 << hv; p++) {
                for (int k = 0; k < 1 << kv; k++) {
                    int at = (((s << hv) | p) << kv) | k;
                    System.arraycopy(eqHb, 3 * ((s << hv) | p), e, 3 * at, 3);
                    for (int i = 0; i < 1 << g.a().rowVars(); i++) {
                        Ext3Vec.mulBase(eqI, i, a[g.a().index(s, p, i, k)], term, 0);
                        Ext3Vec.add(fa, at, term, 0, fa, at);
                    }
                    for (int j = 0; j < 1 << g.b().colVars(); j++) {
                        Ext3Vec.mulBase(eqJ, j, b[g.b().index(s, p, k, j)], term, 0);
                        Ext3Vec.add(fb, at, term, 0, fb, at);
                    }
                }
            }
        }
        SumcheckProverOutput out = SumcheckProver.prove(new SumcheckInstance(vars,
                List.of(MultilinearTable.ext(e), MultilinearTable.ext(fa), MultilinearTable.ext(fb)), expression()),
                session.transcript);
        Ext3 av = out.finalEvaluation(1);
        Ext3 bvValue = out.finalEvaluation(2);
        bind(session, av, bvValue);
        long[][] points = operandPoints(g, tau, out.point(), bv);
        session.claimTensor(q.input(), points[0], av);
        session.claimTensor(q.input2(), points[1], bvValue);
        return new Proof(out.proof(), av, bvValue);
    }

    static void verify(ProofSession session, RequantStep q, long[] tau, Ext3 acc, Proof proof, String where)
            throws VerificationException {
        WitnessPlan plan = session.plan;
        Geometry g = geometry(plan, q);
        int bv = batchVars(plan, q);
        int kv = g.a().colVars(), hv = g.y().headVars();
        SubClaim sub = SumcheckVerifier.verify(acc, g.sumVars(bv), 3, proof.sumcheck(), session.transcript);
        long[] sigma = sub.point();
        long[] tauHb = ProofSession.concat(g.y().headsOf(tau), g.y().samplesOf(tau));
        Ext3 weight = Multilinear.eq(tauHb, ProofSession.slice(sigma, kv, kv + hv + bv));
        if (!weight.mul(proof.a()).mul(proof.b()).equals(sub.expectedValue())) {
            throw new VerificationException(ZkmlReason.REQUANT_CONSTRAINT_VIOLATED,
                    where + ": the matmul sumcheck does not end at the product of its operands");
        }
        bind(session, proof.a(), proof.b());
        long[][] points = operandPoints(g, tau, sigma, bv);
        operand(session, q.input(), points[0], proof.a(), where);
        operand(session, q.input2(), points[1], proof.b(), where);
    }

    private static void operand(ProofSession session, int tensor, long[] point, Ext3 value, String where)
            throws VerificationException {
        if (tensor == 0 && !session.publicInputAt(point).equals(value)) {
            throw new VerificationException(ZkmlReason.REQUANT_INPUT_MISMATCH, where + ": operand is not the public input");
        }
        session.claimTensor(tensor, point, value);
    }

    /** A at (sigma_p, tau_i, sigma_k, sigma_b) and B at (sigma_p, sigma_k, tau_j, sigma_b). */
    private static long[][] operandPoints(Geometry g, long[] tau, long[] sigma, int bv) {
        int kv = g.a().colVars(), hv = g.y().headVars();
        long[] k = ProofSession.slice(sigma, 0, kv);
        long[] p = ProofSession.slice(sigma, kv, kv + hv);
        long[] s = ProofSession.slice(sigma, kv + hv, kv + hv + bv);
        return new long[][] {g.a().point(p, g.y().rowsOf(tau), k, s), g.b().point(p, k, g.y().colsOf(tau), s)};
    }

    private static void bind(ProofSession session, Ext3 a, Ext3 b) {
        session.transcript.ext("matmul-a", a);
        session.transcript.ext("matmul-b", b);
    }

    private static SumcheckExpression expression() {
        return new SumcheckExpression(3, List.of(SumcheckTerm.of(Ext3.ONE, 0, 1, 2)));
    }
}
