package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.zkml.proof.ModelCircuit.Window;
import io.edgeproof.zkml.proof.DenseCircuit;

/**
 * The prover's column tables for one proof, from a trace: limbs, clamp excesses, multiplicities, the input
 * and the weights (first phase), then, once alpha is drawn, the LogUp inverses and the table side. Padding
 * entries get the values the constraints force (a zero tensor value: limbs 0 and 128, everything else 0).
 */
final class ZkWitness {
    final ZkPlan plan;
    /** Per column: base table of 2^vars entries, or interleaved extension values (3 per entry). */
    final long[][] tables;

    /**
     * A test hook on a softmax step's witness, in place: the row maxima and selectors (given the padded
     * input x), then the row sums, then the remainders; what follows each is recomputed from it (e and Z
     * from m, r from Z, g from r).
     */
    interface SoftmaxEdit {
        SoftmaxEdit NONE = new SoftmaxEdit() {};

        default void max(int step, long[] x, long[] max, long[] select) {}

        default void sum(int step, long[] sum) {}

        default void remainder(int step, long[] remainder) {}
    }

    private ZkWitness(ZkPlan plan) {
        this.plan = plan;
        this.tables = new long[plan.columns.size()][];
    }

    /**
     * First-phase columns. The committed tables come from their commitments' owners, not from the trace:
     * {@code weightBlocks} per dense layer its weight and bias tables (the key's), {@code committedInput}
     * the hidden input (the input commitment's).
     */
    static ZkWitness of(ZkPlan plan, DenseCircuit.Trace trace, long[][] weightBlocks, int[] committedInput,
                        SoftmaxEdit softmaxEdit) {
        ZkWitness w = new ZkWitness(plan);
        int[][] tensors = trace.tensors();
        if (plan.inputHidden) {
            w.tables[plan.inputColumn] = w.tensor(0, committedInput);
            w.int16Limbs(0, w.tensor(0, tensors[0]), plan.inputLimbs);
        }
        int denseIndex = 0;
        for (int s = 0; s < plan.circuit.steps().size(); s++) {
            switch (plan.circuit.steps().get(s)) {
                case ZkCircuit.Dense d -> w.dense(s, d, trace, weightBlocks, denseIndex++);
                case ZkCircuit.Relu r -> w.relu(s, r, tensors);
                case ZkCircuit.MaxPool m -> w.pool(s, m, tensors);
                case ZkCircuit.Elementwise e -> {
                    w.requant(s, e.output(), trace);
                    if (plan.broadcastCopies[s] >= 0) {
                        w.tables[plan.broadcastCopies[s]] = w.broadcastCopy(e, tensors[e.input2()]);
                    }
                }
                case ZkCircuit.Table t -> w.table(s, t, tensors);
                case ZkCircuit.Softmax x -> w.softmax(s, x, tensors, softmaxEdit);
                case ZkCircuit.MatMul m -> w.requant(s, m.output(), trace);
                case ZkCircuit.Gather g -> {
                    if (plan.readings[g.output()].sources()[0] >= 0) {
                        w.tables[plan.readings[g.output()].sources()[0]] = w.tensor(g.output(), tensors[g.output()]);
                    }
                }
            }
        }
        w.tables[plan.multiplicities] = w.multiplicities();
        return w;
    }

    /** A tensor's values as its padded field table. */
    private long[] tensor(int tensor, int[] values) {
        return PublicTensors.padded(plan.circuit, plan.batch, tensor, values, 0, plan.circuit.tensor(tensor).size());
    }

    private void dense(int s, ZkCircuit.Dense d, DenseCircuit.Trace trace, long[][] weightBlocks, int index) {
        ZkPlan.DenseColumns cols = plan.dense[s];
        tables[cols.weights()] = weightBlocks[2 * index];
        tables[cols.bias()] = weightBlocks[2 * index + 1];
        requant(s, d.output(), trace);
    }

    /** The columns of a requantized output: y's limbs, the clamp excesses, r's and e's limbs, from t and r. */
    private void requant(int s, int y, DenseCircuit.Trace trace) {
        ZkPlan.DenseColumns cols = plan.dense[s];
        ZkCircuit.Tensor shape = plan.circuit.tensor(y);
        long[] t = trace.quotients()[s];
        long[] r = trace.remainders()[s];
        int size = 1 << plan.tensorVars(y);
        long[] high = new long[size], low = new long[size], rem = new long[size], excess = new long[size];
        long[] yv = new long[size];
        for (int i = 0; i < t.length; i++) {
            int at = shape.blockIndex(i / shape.size(), i % shape.size());
            long clamped = Math.clamp(t[i], -32768, 32767);
            yv[at] = clamped;
            high[at] = Math.max(t[i] - 32767, 0);
            low[at] = Math.max(-32768 - t[i], 0);
            rem[at] = r[i];
            excess[at] = high[at] + low[at];
        }
        tables[cols.excessHigh()] = toField(high);
        tables[cols.excessLow()] = toField(low);
        limbs(rem, cols.remainder());
        limbs(excess, cols.excess());
        ZkPlan.Reading reading = plan.readings[y];
        if (reading.sources()[0] >= 0) {
            int16Limbs(y, toField(yv), reading.sources());
        }
    }

    /**
     * A dense or conv layer's int8 weights ([out][in], row-major) as a table: weight (n, i) at
     * columns[i] + 2^kv n (the padded inner index of {@link ZkCircuit#featureColumns}), zeros on padding.
     */
    static long[] weightTable(byte[] weights, ZkCircuit.Dense d, int[] columns, int kv, int nv) {
        long[] w = new long[1 << (kv + nv)];
        for (int n = 0; n < d.out(); n++) {
            for (int k = 0; k < d.in(); k++) {
                w[(n << kv) + columns[k]] = Goldilocks.fromSigned(weights[n * d.in() + k]);
            }
        }
        return w;
    }

    static long[] biasTable(long[] values, ZkCircuit.Dense d, int nv) {
        long[] bias = new long[1 << nv];
        for (int n = 0; n < d.out(); n++) {
            bias[n] = Goldilocks.fromSigned(values[n]);
        }
        return bias;
    }

    private void relu(int s, ZkCircuit.Relu r, int[][] tensors) {
        int[] y = tensors[r.input()];
        int[] z = tensors[r.output()];
        int[] w = new int[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * z[i] - y[i];
        }
        long[] padded = tensor(r.input(), w);
        long[] signed = new long[padded.length];
        for (int i = 0; i < padded.length; i++) {
            signed[i] = Goldilocks.toSigned(padded[i]);
        }
        limbs(signed, plan.reluLimbs[s]);
    }

    /**
     * The max (unless public) and the limbs of every difference d_j = m - x_j, x_j = -2^15 outside the input;
     * padding entries (positions, channels, samples) are all zero, as the pool's relations force.
     */
    private void pool(int s, ZkCircuit.MaxPool p, int[][] tensors) {
        ZkPlan.PoolColumns cols = plan.pools[s];
        ZkCircuit.Tensor in = plan.circuit.tensor(p.input()), out = plan.circuit.tensor(p.output());
        Window w = p.window();
        int[] x = tensors[p.input()], m = tensors[p.output()];
        if (cols.max() >= 0) {
            tables[cols.max()] = tensor(p.output(), m);
        }
        int size = 1 << plan.tensorVars(p.output());
        long[][] d = new long[w.size()][size];
        int plane = out.height() * out.width();
        for (int i = 0; i < m.length; i++) {
            int b = i / out.size(), e = i % out.size();
            int c = e / plane, oy = (e % plane) / out.width(), ox = e % out.width();
            int at = out.blockIndex(b, e);
            for (int ky = 0; ky < w.kernelH(); ky++) {
                for (int kx = 0; kx < w.kernelW(); kx++) {
                    int iy = w.inputY(oy, ky), ix = w.inputX(ox, kx);
                    boolean inside = iy >= 0 && iy < in.height() && ix >= 0 && ix < in.width();
                    long xj = inside ? x[b * in.size() + (c * in.height() + iy) * in.width() + ix] : -ZkPlan.INT16_OFFSET;
                    d[ky * w.kernelW() + kx][at] = m[i] - xj;
                }
            }
        }
        for (int j = 0; j < d.length; j++) {
            limbs(d[j], cols.differences()[j]);
        }
    }

    /** S b, a broadcast operand gathered onto the output's padded block (zero on padding). */
    private long[] broadcastCopy(ZkCircuit.Elementwise e, int[] b) {
        ZkCircuit.Tensor out = plan.circuit.tensor(e.output()), in = plan.circuit.tensor(e.input2());
        long[] copy = new long[1 << plan.tensorVars(e.output())];
        for (int s = 0; s < plan.batch; s++) {
            for (int k = 0; k < e.mapOut().length; k++) {
                copy[out.blockIndex(s, e.mapOut()[k])] = Goldilocks.fromSigned(b[s * in.size() + e.mapIn()[k]]);
            }
        }
        return copy;
    }

    /** A lookup's values (unless public) and its table's multiplicities: row x + 2^15 per entry (padding: 2^15). */
    private void table(int s, ZkCircuit.Table t, int[][] tensors) {
        ZkPlan.TableColumns tc = plan.tables[s];
        if (tc.values() >= 0) {
            tables[tc.values()] = tensor(t.output(), tensors[t.output()]);
        }
        long[] x = tensor(t.input(), tensors[t.input()]);
        long[] m = new long[1 << ZkCircuit.Table.VARS];
        for (long v : x) {
            long row = Goldilocks.toSigned(v) + ZkCircuit.Table.OFFSET;
            if (row >= 0 && row < m.length) {
                m[(int) row]++;
            }
        }
        tables[tc.multiplicities()] = m;
    }

    /**
     * A softmax's columns from its input and output: per real row the first maximum m and its selector,
     * e = T[m - x] and Z = sum e, per real entry r = 65534 e + Z - 2 y Z and g = 2Z - 1 - r (padding: all
     * zero), y's limbs unless public, and the multiplicities of the lookup indices csel (m - x) (padding: 0).
     */
    private void softmax(int s, ZkCircuit.Softmax sm, int[][] tensors, SoftmaxEdit edit) {
        ZkPlan.SoftmaxColumns cols = plan.softmax[s];
        int y = sm.output(), cv = plan.colVars(y), d = sm.rowLength();
        long[] x = signed(tensor(sm.input(), tensors[sm.input()]));
        long[] yv = signed(tensor(y, tensors[y]));
        long[] rowSel = ZkChecks.rowSelector(plan, y);
        int size = x.length;
        long[] max = new long[rowSel.length], sum = new long[rowSel.length];
        long[] select = new long[size], exp = new long[size], rem = new long[size], gap = new long[size];
        for (int i = 0; i < rowSel.length; i++) {
            if (rowSel[i] == 1) {
                int base = i << cv, arg = 0;
                for (int j = 1; j < d; j++) {
                    arg = x[base + j] > x[base + arg] ? j : arg;
                }
                max[i] = x[base + arg];
                select[base + arg] = 1;
            }
        }
        edit.max(s, x, max, select);
        for (int i = 0; i < rowSel.length; i++) {
            for (int j = 0; rowSel[i] == 1 && j < d; j++) {
                long diff = max[i] - x[(i << cv) + j];
                exp[(i << cv) + j] = diff >= 0 && diff < sm.table().length ? sm.table()[(int) diff] : 0;
                sum[i] += exp[(i << cv) + j];
            }
        }
        edit.sum(s, sum);
        for (int i = 0; i < rowSel.length; i++) {
            for (int j = 0; rowSel[i] == 1 && j < d; j++) {
                int at = (i << cv) + j;
                rem[at] = ZkCircuit.Softmax.TWICE_MAX * exp[at] + sum[i] - 2 * yv[at] * sum[i];
            }
        }
        edit.remainder(s, rem);
        long[] counts = new long[1 << ZkCircuit.Table.VARS];
        for (int at = 0; at < size; at++) {
            boolean real = rowSel[at >>> cv] == 1 && (at & ((1 << cv) - 1)) < d;
            gap[at] = real ? 2 * sum[at >>> cv] - 1 - rem[at] : 0;
            long index = real ? max[at >>> cv] - x[at] : 0;
            if (index >= 0 && index < counts.length) {
                counts[(int) index]++;
            }
        }
        tables[cols.max()] = toField(max);
        tables[cols.sum()] = toField(sum);
        tables[cols.select()] = toField(select);
        tables[cols.exp()] = toField(exp);
        limbs(rem, cols.remainder());
        limbs(gap, cols.gap());
        tables[plan.tables[s].multiplicities()] = counts;
        if (plan.readings[y].sources()[0] >= 0) {
            int16Limbs(y, toField(yv), plan.readings[y].sources());
        }
    }

    private static long[] signed(long[] field) {
        long[] out = new long[field.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.toSigned(field[i]);
        }
        return out;
    }

    /** Two limbs of v + 2^15 for an int16 table in the field (padding: v = 0). */
    private void int16Limbs(int tensor, long[] fieldValues, int[] columns) {
        long[] shifted = new long[fieldValues.length];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = Goldilocks.toSigned(fieldValues[i]) + ZkPlan.INT16_OFFSET;
        }
        limbs(shifted, columns);
    }

    /** 8-bit limbs of integer values (an out-of-range value, from a tampered trace, gives limbs that fail). */
    private void limbs(long[] values, int[] columns) {
        for (int l = 0; l < columns.length; l++) {
            long[] limb = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                limb[i] = Goldilocks.fromSigned(l == columns.length - 1 ? values[i] >> (ZkPlan.LIMB_BITS * l)
                        : (values[i] >> (ZkPlan.LIMB_BITS * l)) & (ZkPlan.LIMB - 1));
            }
            tables[columns[l]] = limb;
        }
    }

    private static long[] toField(long[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.fromSigned(values[i]);
        }
        return out;
    }

    /** The looked-up value of lookup {@code l} at entry i. */
    private long lookedUp(ZkPlan.Lookup l, int i) {
        long v = tables[l.column()][i];
        if (l.offsets() != null) {
            v = Goldilocks.add(v, l.offsets()[i & ((1 << plan.colVars(l.tensor())) - 1)]);
        }
        return v;
    }

    /** How often each table value is looked up, over every entry of every lookup (padding included). */
    private long[] multiplicities() {
        long[] m = new long[1 << ZkPlan.TABLE_VARS];
        for (ZkPlan.Lookup l : plan.lookups) {
            int size = 1 << plan.tensorVars(l.tensor());
            for (int i = 0; i < size; i++) {
                long v = lookedUp(l, i);
                if (v >= 0 && v < m.length) {
                    m[(int) v]++;
                }
            }
        }
        return m;
    }

    /**
     * Second phase: per inverse column h = sum of 1 / (alpha - u) over its lookups, and g = m / (alpha - t);
     * per Lookup step h = 1 / (alpha - u), u = (x + 2^15) + zeta (y + (1 - sel) T[2^15]), and its table side.
     */
    void inverses(Ext3 alpha, Ext3 zeta, int[][] tensors) {
        for (int s = 0; s < plan.tables.length; s++) {
            switch (plan.circuit.steps().get(s)) {
                case ZkCircuit.Table t -> tableInverses(s, t, alpha, zeta, tensors);
                case ZkCircuit.Softmax x -> softmaxInverses(s, x, alpha, zeta, tensors);
                default -> { }
            }
        }
        int t = 1 << ZkPlan.TABLE_VARS;
        Ext3[] inv = new Ext3[t];
        for (int v = 0; v < t; v++) {
            inv[v] = alpha.addBase(Goldilocks.neg(v)).inverse();
        }
        for (ZkPlan.Inverse column : plan.inverses) {
            int size = 1 << plan.tensorVars(column.tensor());
            long[] h = new long[3 * size];
            for (int i = 0; i < size; i++) {
                Ext3 sum = Ext3.ZERO;
                for (ZkPlan.Lookup l : column.lookups()) {
                    long v = lookedUp(l, i);
                    sum = sum.add(v >= 0 && v < t ? inv[(int) v] : alpha.addBase(Goldilocks.neg(v)).inverse());
                }
                sum.write(h, i);
            }
            tables[column.column()] = h;
        }
        long[] m = tables[plan.multiplicities];
        long[] g = new long[3 * t];
        for (int v = 0; v < t; v++) {
            inv[v].mulBase(m[v]).write(g, v);
        }
        tables[plan.tableInverse] = g;
    }

    private void tableInverses(int s, ZkCircuit.Table t, Ext3 alpha, Ext3 zeta, int[][] tensors) {
        ZkPlan.TableColumns tc = plan.tables[s];
        long[] x = tensor(t.input(), tensors[t.input()]);
        long[] y = tensor(t.output(), tensors[t.output()]);
        long[] sel = ZkChecks.elementSelector(plan, t.output());
        long pad = Goldilocks.fromSigned(t.table()[ZkCircuit.Table.OFFSET]);
        long[] h = new long[3 * x.length];
        for (int i = 0; i < x.length; i++) {
            long yv = sel[i] == 1 ? y[i] : Goldilocks.add(y[i], pad);
            alpha.sub(zeta.mulBase(yv)).addBase(Goldilocks.neg(Goldilocks.add(x[i], ZkCircuit.Table.OFFSET))).inverse()
                    .write(h, i);
        }
        tables[tc.inverse()] = h;
        tableSide(tc, t.table(), alpha, zeta);
    }

    /** h = 1 / (alpha - csel (m - x) - zeta (e + (1 - sel) T[0])) from the committed m and e. */
    private void softmaxInverses(int s, ZkCircuit.Softmax sm, Ext3 alpha, Ext3 zeta, int[][] tensors) {
        ZkPlan.SoftmaxColumns cols = plan.softmax[s];
        ZkPlan.TableColumns tc = plan.tables[s];
        int cv = plan.colVars(sm.output());
        long[] x = tensor(sm.input(), tensors[sm.input()]);
        long[] sel = ZkChecks.elementSelector(plan, sm.output());
        long[] max = tables[cols.max()], exp = tables[cols.exp()];
        long pad = sm.table()[0];
        long[] h = new long[3 * x.length];
        for (int i = 0; i < x.length; i++) {
            long index = (i & ((1 << cv) - 1)) < sm.rowLength() ? Goldilocks.sub(max[i >>> cv], x[i]) : 0;
            long value = sel[i] == 1 ? exp[i] : Goldilocks.add(exp[i], pad);
            alpha.sub(zeta.mulBase(value)).addBase(Goldilocks.neg(index)).inverse().write(h, i);
        }
        tables[tc.inverse()] = h;
        tableSide(tc, sm.table(), alpha, zeta);
    }

    /** g(j) = m(j) / (alpha - j - zeta T[j]) over the 2^16 rows. */
    private void tableSide(ZkPlan.TableColumns tc, int[] table, Ext3 alpha, Ext3 zeta) {
        long[] m = tables[tc.multiplicities()];
        long[] g = new long[3 << ZkCircuit.Table.VARS];
        for (int j = 0; j < 1 << ZkCircuit.Table.VARS; j++) {
            if (m[j] != 0) {
                alpha.sub(zeta.mulBase(Goldilocks.fromSigned(table[j]))).addBase(Goldilocks.neg(j)).inverse()
                        .mulBase(m[j]).write(g, j);
            }
        }
        tables[tc.tableInverse()] = g;
    }
}
