package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Parallel;

/**
 * The data-independent index map of a window op (Conv, MaxPool) between two spatial tensors, and the
 * multilinear algebra that makes it cheap. Block bits, low to high: channel c, column x, row y, sample b
 * (input and output alike). A window read x[b, c, oy sy + ky dy - pt, ox sx + kx dx - pl] (zero outside
 * the input) is linear in x, so any random combination of window reads at a point is sum_q x(q) T(q) with
 * T(q) = eq(beta_b, b) Y(y) X(x) eq(beta_c, c) separable per axis: Y(iy) = sum over the (oy, ky) that read
 * row iy of eqOut(oy) kernel(ky), the same for X. The prover builds T in O(|x|); the verifier evaluates T
 * at a point in O(2^hVars + 2^wVars + log) ({@link #weightAt}), never touching the im2col matrix.
 */
final class WindowMap {
    /** One separable weight: T = eq(batchPoint, b) yTable(y) xTable(x) eq(channelPoint, c). */
    record Factors(long[] batchPoint, long[] yTable, long[] xTable, long[] channelPoint) {}

    interface ElementVisitor {
        void visit(int outIndex, int inIndex);
    }

    private final ModelCircuit.Tensor in;
    private final ModelCircuit.Tensor out;
    private final ModelCircuit.Window w;
    private final int batch;

    WindowMap(WitnessPlan plan, int input, int output, ModelCircuit.Window window) {
        this.in = plan.circuit.tensor(input);
        this.out = plan.circuit.tensor(output);
        this.w = window;
        this.batch = plan.batch;
    }

    /** Input block variables: channels, then columns, rows and samples. */
    int inputVars() {
        return in.colVars() + in.wVars() + in.hVars() + ModelCircuit.log2Ceil(batch);
    }

    /**
     * Visits (output index, input index) of window position (ky, kx) for every real output position and
     * channel (the channel count of both tensors: MaxPool); the input index is -1 where the read falls
     * outside the input.
     */
    void forEachWindowElement(int ky, int kx, ElementVisitor v) {
        for (int b = 0; b < batch; b++) {
            for (int oy = 0; oy < out.height(); oy++) {
                int iy = w.inputY(oy, ky);
                for (int ox = 0; ox < out.width(); ox++) {
                    int ix = w.inputX(ox, kx);
                    boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                    int o = ((((b << out.hVars()) | oy) << out.wVars()) | ox) << out.colVars();
                    int i = ((((b << in.hVars()) | iy) << in.wVars()) | ix) << in.colVars();
                    for (int c = 0; c < in.cols(); c++) {
                        v.visit(o + c, inside ? i + c : -1);
                    }
                }
            }
        }
    }

    /**
     * The im2col matrix folded over its output rows: out[k] = sum_p eqRows[p] patch[p, k] for the Conv
     * patch index k = (c, kx, ky) (bits low to high), zero outside the input and at padded k.
     */
    long[] foldPatches(long[] x, long[] eqRows) {
        int cv = in.colVars();
        int kxv = w.kxVars();
        long[] folded = Ext3Vec.allocate(1 << (cv + kxv + w.kyVars()));
        Parallel.forRange(w.size(), 1, (from, to) -> {
            long[] term = new long[3];
            for (int j = from; j < to; j++) {
                int ky = j / w.kernelW();
                int kx = j % w.kernelW();
                int k0 = ((ky << kxv) | kx) << cv;
                for (int b = 0; b < batch; b++) {
                    for (int oy = 0; oy < out.height(); oy++) {
                        int iy = w.inputY(oy, ky);
                        if (iy < 0 || iy >= in.height()) {
                            continue;
                        }
                        for (int ox = 0; ox < out.width(); ox++) {
                            int ix = w.inputX(ox, kx);
                            if (ix < 0 || ix >= in.width()) {
                                continue;
                            }
                            int p = (((b << out.hVars()) | oy) << out.wVars()) | ox;
                            int q = ((((b << in.hVars()) | iy) << in.wVars()) | ix) << cv;
                            for (int c = 0; c < in.cols(); c++) {
                                long v = x[q + c];
                                if (v != 0) {
                                    Ext3Vec.mulBase(eqRows, p, v, term, 0);
                                    Ext3Vec.add(folded, k0 + c, term, 0, folded, k0 + c);
                                }
                            }
                        }
                    }
                }
            }
        });
        return folded;
    }

    /** Y (vertical) or X: t[i] = sum over real outputs o and kernel offsets k reading input i of outEq[o] kernel[k]. */
    long[] axisTable(boolean vertical, long[] outEq, long[] kernel) {
        int inLen = vertical ? in.height() : in.width();
        int outLen = vertical ? out.height() : out.width();
        int kLen = vertical ? w.kernelH() : w.kernelW();
        long[] t = Ext3Vec.allocate(1 << (vertical ? in.hVars() : in.wVars()));
        long[] term = new long[3];
        for (int o = 0; o < outLen; o++) {
            for (int k = 0; k < kLen; k++) {
                int i = vertical ? w.inputY(o, k) : w.inputX(o, k);
                if (i >= 0 && i < inLen) {
                    Ext3Vec.mul(outEq, o, kernel, k, term, 0);
                    Ext3Vec.add(t, i, term, 0, t, i);
                }
            }
        }
        return t;
    }

    /** T over the whole input block (prover side). */
    long[] weights(Factors f) {
        long[] eqB = Multilinear.eqTable(f.batchPoint());
        long[] eqC = Multilinear.eqTable(f.channelPoint());
        int cv = in.colVars();
        int wv = in.wVars();
        int hv = in.hVars();
        int rows = 1 << (ModelCircuit.log2Ceil(batch) + hv + wv);
        long[] t = Ext3Vec.allocate(rows << cv);
        Parallel.forRange(rows, 16, (from, to) -> {
            long[] row = new long[3];
            for (int r = from; r < to; r++) {
                int x = r & ((1 << wv) - 1);
                int y = (r >>> wv) & ((1 << hv) - 1);
                Ext3Vec.mul(f.yTable(), y, f.xTable(), x, row, 0);
                Ext3Vec.mul(row, 0, eqB, r >>> (wv + hv), row, 0);
                for (int c = 0; c < 1 << cv; c++) {
                    Ext3Vec.mul(row, 0, eqC, c, t, (r << cv) + c);
                }
            }
        });
        return t;
    }

    /** T at a point of the input block (verifier side): a product of four small evaluations. */
    Ext3 weightAt(Factors f, long[] zeta) {
        int cv = in.colVars();
        int wv = in.wVars();
        int hv = in.hVars();
        return Multilinear.eq(f.channelPoint(), ProofSession.slice(zeta, 0, cv))
                .mul(Multilinear.evaluateExt(f.xTable(), ProofSession.slice(zeta, cv, cv + wv)))
                .mul(Multilinear.evaluateExt(f.yTable(), ProofSession.slice(zeta, cv + wv, cv + wv + hv)))
                .mul(Multilinear.eq(f.batchPoint(), ProofSession.slice(zeta, cv + wv + hv, zeta.length / 3)));
    }

    /** sum_q x(q) T(q) for the public input (the verifier computes it in O(|x|)). */
    Ext3 publicSum(long[] x, Factors f) {
        long[] t = weights(f);
        long[] acc = new long[3];
        long[] term = new long[3];
        for (int q = 0; q < x.length; q++) {
            if (x[q] != 0) {
                Ext3Vec.mulBase(t, q, x[q], term, 0);
                Ext3Vec.add(acc, 0, term, 0, acc, 0);
            }
        }
        return Ext3.read(acc, 0);
    }

    /** The Conv's weight for the patch claim at (kappa = (k_c, k_kx, k_ky), rowPoint = (r_ox, r_oy, r_b)). */
    Factors convFactors(long[] kappa, long[] rowPoint) {
        int cv = in.colVars();
        int kxv = w.kxVars();
        int owv = out.wVars();
        int ohv = out.hVars();
        long[] kc = ProofSession.slice(kappa, 0, cv);
        long[] eqKx = Multilinear.eqTable(ProofSession.slice(kappa, cv, cv + kxv));
        long[] eqKy = Multilinear.eqTable(ProofSession.slice(kappa, cv + kxv, kappa.length / 3));
        long[] eqOx = Multilinear.eqTable(ProofSession.slice(rowPoint, 0, owv));
        long[] eqOy = Multilinear.eqTable(ProofSession.slice(rowPoint, owv, owv + ohv));
        long[] rb = ProofSession.slice(rowPoint, owv + ohv, rowPoint.length / 3);
        return new Factors(rb, axisTable(true, eqOy, eqKy), axisTable(false, eqOx, eqKx), kc);
    }

    /**
     * sum_j beta^j outside_j(rho): the MLE at rho of the indicator that window position j of a real output
     * (real sample, position and channel) reads outside the input, combined with the pool's beta powers.
     * Computed as all reads minus the inside ones, each separable per axis: O(kernel x output side).
     */
    Ext3 outsideReads(Ext3 beta, long[] rho) {
        int cv = out.colVars();
        int owv = out.wVars();
        int ohv = out.hVars();
        long[] eqOx = Multilinear.eqTable(ProofSession.slice(rho, cv, cv + owv));
        long[] eqOy = Multilinear.eqTable(ProofSession.slice(rho, cv + owv, cv + owv + ohv));
        Ext3 rowPower = beta.pow(w.kernelW());
        Ext3[] x = axisSums(false, eqOx, beta);
        Ext3[] y = axisSums(true, eqOy, rowPower);
        Ext3 reads = x[0].mul(y[0]).sub(x[1].mul(y[1]));
        Ext3 samples = prefixSum(Multilinear.eqTable(ProofSession.slice(rho, cv + owv + ohv, rho.length / 3)), batch);
        Ext3 channels = prefixSum(Multilinear.eqTable(ProofSession.slice(rho, 0, cv)), out.cols());
        return reads.mul(samples).mul(channels);
    }

    /** {sum_k power^k sum_o eqOut[o], sum_k power^k sum_o eqOut[o] [read (o, k) inside]} along one axis. */
    private Ext3[] axisSums(boolean vertical, long[] eqOut, Ext3 power) {
        int outLen = vertical ? out.height() : out.width();
        int inLen = vertical ? in.height() : in.width();
        int kLen = vertical ? w.kernelH() : w.kernelW();
        Ext3 all = Ext3.ZERO;
        Ext3 inside = Ext3.ZERO;
        Ext3 p = Ext3.ONE;
        for (int k = 0; k < kLen; k++, p = p.mul(power)) {
            Ext3 total = Ext3.ZERO;
            Ext3 inner = Ext3.ZERO;
            for (int o = 0; o < outLen; o++) {
                int i = vertical ? w.inputY(o, k) : w.inputX(o, k);
                Ext3 e = Ext3.read(eqOut, o);
                total = total.add(e);
                inner = i >= 0 && i < inLen ? inner.add(e) : inner;
            }
            all = all.add(p.mul(total));
            inside = inside.add(p.mul(inner));
        }
        return new Ext3[] {all, inside};
    }

    private static Ext3 prefixSum(long[] table, int n) {
        Ext3 s = Ext3.ZERO;
        for (int i = 0; i < n; i++) {
            s = s.add(Ext3.read(table, i));
        }
        return s;
    }

    /** The MaxPool's weight for sum_j beta^j x_j(rho), j = ky kw + kx, rho = (z_c, z_ox, z_oy, z_b). */
    Factors poolFactors(Ext3 beta, long[] rho) {
        int cv = out.colVars();
        int owv = out.wVars();
        int ohv = out.hVars();
        long[] kx = Ext3Vec.allocate(w.kernelW());
        long[] ky = Ext3Vec.allocate(w.kernelH());
        Ext3 p = Ext3.ONE;
        for (int i = 0; i < w.kernelW(); i++, p = p.mul(beta)) {
            p.write(kx, i);
        }
        Ext3 row = p;
        p = Ext3.ONE;
        for (int i = 0; i < w.kernelH(); i++, p = p.mul(row)) {
            p.write(ky, i);
        }
        long[] eqOx = Multilinear.eqTable(ProofSession.slice(rho, cv, cv + owv));
        long[] eqOy = Multilinear.eqTable(ProofSession.slice(rho, cv + owv, cv + owv + ohv));
        return new Factors(ProofSession.slice(rho, cv + owv + ohv, rho.length / 3), axisTable(true, eqOy, ky),
                axisTable(false, eqOx, kx), ProofSession.slice(rho, 0, cv));
    }
}
