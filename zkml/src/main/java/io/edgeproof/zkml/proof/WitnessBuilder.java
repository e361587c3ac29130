package io.edgeproof.zkml.proof;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.lookup.RangeTable;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;

/**
 * Fills a {@link WitnessPlan} from a trace: signed integers become field elements x mod p, padding stays
 * zero, each range column is split into limbs, and the multiplicities count the region's entries. Every
 * block's table is kept for the prover; only the committed ones go into the polynomials. A value
 * out of its range (only a tampered witness has one) yields a limb outside [0, 2^16) that the lookup does
 * not count, so the proof is produced and the verifier rejects it.
 */
final class WitnessBuilder {
    /** The committed tables (by block and by polynomial) and what the prover computed with. */
    record Witness(WitnessPlan plan, TracingEvaluator.Trace trace, long[][] blocks, long[][] polynomials,
                   QuantizedModel model) {}

    private WitnessBuilder() {}

    static Witness build(WitnessPlan plan, QuantizedModel model, int[] input, WitnessTamper tamper) {
        QuantizedModel used = tamper.model(model);
        TracingEvaluator.Trace trace = TracingEvaluator.run(plan.circuit, used, tamper.input(input), plan.batch, tamper);
        long[][] ints = new long[plan.layout.numBlocks()][];
        for (int t = 1; t < plan.tensorBlock.length; t++) {
            ints[plan.tensorBlock[t]] = padded(plan, t, toLong(trace.tensors()[t]));
        }
        long[] inputTable = padded(plan, 0, toLong(trace.tensors()[0]));
        for (int s = 0; s < plan.circuit.steps().size(); s++) {
            if (plan.circuit.steps().get(s) instanceof ModelCircuit.MaxPool m) {
                differences(plan, s, m, ints, m.input() == 0 ? inputTable : ints[plan.tensorBlock[m.input()]]);
            } else if (plan.circuit.steps().get(s) instanceof ModelCircuit.Linear l) {
                linearBlocks(plan, s, l.output(), trace, ints);
            } else if (plan.circuit.steps().get(s) instanceof RequantStep q) {
                requantBlocks(plan, s, q.output(), trace, ints);
            } else if (plan.circuit.steps().get(s) instanceof SoftmaxStep x) {
                SoftmaxWitness.fill(plan, s, x, x.input() == 0 ? inputTable : ints[plan.tensorBlock[x.input()]],
                        ints[plan.tensorBlock[x.output()]], ints, tamper);
            }
        }
        for (int s = 0; s < plan.circuit.steps().size(); s++) {
            if (plan.circuit.steps().get(s) instanceof TableStep t) {
                ints[plan.lookupMultiplicityBlock[s]] = tableCounts(plan, t, t.input() == 0 ? inputTable
                        : ints[plan.tensorBlock[t.input()]], ints[plan.tensorBlock[t.output()]]);
            }
        }
        long[][] field = new long[ints.length][];
        for (int b = 0; b < ints.length; b++) {
            if (ints[b] != null) {
                field[b] = toField(ints[b]);
            }
        }
        long[][] limbs = new long[plan.limbLayout.numBlocks()][];
        for (RangeColumn c : plan.ranges) {
            split(c, columnValues(c, ints, inputTable), limbs);
        }
        for (int b = 0; b < limbs.length; b++) {
            if (limbs[b] == null) { // companions of no limb and the guests' places, filled below
                limbs[b] = new long[1 << plan.limbLayout.blockVars(b)];
            }
        }
        // the lookup reads the chunks (the limbs and a little zero padding), never the guests placed after them
        long[] region = plan.limbLayout.assemble(limbs)[0];
        long[] counts = new long[1 << RangeTable.LIMB_BITS];
        for (long[] chunk : plan.region.chunks(region)) {
            for (long v : chunk) {
                if (Long.compareUnsigned(v, counts.length) < 0) {
                    counts[(int) v]++;
                }
            }
        }
        field[plan.multiplicityBlock] = counts;
        for (int g = 0; g < plan.region.guests.length; g++) {
            BlockLayout.Placement p = plan.limbLayout.placement(plan.region.limbs + g);
            System.arraycopy(field[plan.region.guests[g]], 0, region, p.offset(), 1 << p.vars());
        }
        field[plan.regionBlock] = region;
        return new Witness(plan, trace, field, plan.layout.assemble(field), used);
    }

    /** Remainder r and clamp excess e = |t - y| of a Linear or Conv step. */
    private static void linearBlocks(WitnessPlan plan, int s, int output, TracingEvaluator.Trace trace, long[][] ints) {
        TracingEvaluator.LinearTrace lt = trace.linear()[s];
        int[] y = trace.tensors()[output];
        long[] excess = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            excess[i] = Math.abs(lt.quotient()[i] - y[i]);
        }
        ints[plan.remainderBlock[s]] = padded(plan, output, lt.remainder());
        ints[plan.excessBlock[s]] = padded(plan, output, excess);
    }

    /** Remainder r and clamp excesses e+ = max(t - y, 0), e- = max(y - t, 0) of an element-wise requantization. */
    private static void requantBlocks(WitnessPlan plan, int s, int output, TracingEvaluator.Trace trace, long[][] ints) {
        TracingEvaluator.LinearTrace lt = trace.linear()[s];
        int[] y = trace.tensors()[output];
        long[] high = new long[y.length];
        long[] low = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            long e = lt.quotient()[i] - y[i];
            high[i] = Math.max(e, 0);
            low[i] = Math.max(-e, 0);
        }
        ints[plan.remainderBlock[s]] = padded(plan, output, lt.remainder());
        ints[plan.excessHighBlock[s]] = padded(plan, output, high);
        ints[plan.excessLowBlock[s]] = padded(plan, output, low);
    }

    /**
     * How often each table row (j, T[j]) is looked up by the pairs (x + 2^15, y + (1 - sel) T[2^15]) of the
     * padded block; a pair outside the table (a wrong witness) is not counted, and the lookup then fails.
     */
    private static long[] tableCounts(WitnessPlan plan, TableStep t, long[] x, long[] y) {
        long[] sel = plan.elementSelector(t.output());
        long[] counts = new long[TableStep.SIZE];
        for (int j = 0; j < x.length; j++) {
            long index = x[j] + TableStep.OFFSET;
            long value = y[j] + (sel[j] == 1 ? 0 : t.table()[TableStep.OFFSET]);
            if (index >= 0 && index < TableStep.SIZE && t.table()[(int) index] == value) {
                counts[(int) index]++;
            }
        }
        return counts;
    }

    /** The tensor's values (the engine's order, all samples) in its padded block layout, as signed integers. */
    static long[] padded(WitnessPlan plan, int tensor, long[] values) {
        ModelCircuit.Tensor t = plan.circuit.tensor(tensor);
        int size = t.size();
        long[] out = new long[1 << plan.tensorVars(tensor)];
        for (int i = 0; i < values.length; i++) {
            out[t.blockIndex(i / size, i % size)] = values[i];
        }
        return out;
    }

    /**
     * m - x_j per window position j over the padded output block: x_j reads -2^15 outside the input (so
     * padding never wins over a real element) and 0 on padding rows and channels.
     */
    private static void differences(WitnessPlan plan, int s, ModelCircuit.MaxPool p, long[][] ints, long[] x) {
        long[] m = ints[plan.tensorBlock[p.output()]];
        WindowMap map = new WindowMap(plan, p.input(), p.output(), p.window());
        for (int j = 0; j < p.window().size(); j++) {
            long[] d = m.clone();
            int ky = j / p.window().kernelW();
            int kx = j % p.window().kernelW();
            map.forEachWindowElement(ky, kx, (out, in) -> d[out] -= in < 0 ? Requant.LO : x[in]);
            ints[plan.differenceBlocks[s][j]] = d;
        }
    }

    private static long[] columnValues(RangeColumn c, long[][] ints, long[] input) {
        int size = 1 << c.vars();
        int mask = (1 << c.colVars()) - 1;
        long[] v = new long[size];
        for (int i = 0; i < size; i++) {
            long x = c.offsets()[i & mask];
            for (int j = 0; j < c.sources().length; j++) {
                long[] src = c.sources()[j] == RangeColumn.PUBLIC_INPUT ? input : ints[c.sources()[j]];
                x += c.coefs()[j] * src[i];
            }
            v[i] = x;
        }
        return v;
    }

    /** 16-bit limbs (the last one takes the rest, signed), then each bounded limb's companion, as field elements. */
    private static void split(RangeColumn c, long[] values, long[][] limbs) {
        int k = c.limbs();
        for (int l = 0; l < k; l++) {
            limbs[c.firstLimb() + l] = new long[values.length];
        }
        for (int i = 0; i < values.length; i++) {
            for (int l = 0; l < k - 1; l++) {
                limbs[c.firstLimb() + l][i] = (values[i] >>> (RangeTable.LIMB_BITS * l)) & 0xFFFF;
            }
            limbs[c.firstLimb() + k - 1][i] = Goldilocks.fromSigned(values[i] >> (RangeTable.LIMB_BITS * (k - 1)));
        }
        int[] bounded = c.boundedLimbs();
        int mask = (1 << c.colVars()) - 1;
        for (int j = 0; j < bounded.length; j++) {
            long[] limb = limbs[c.firstLimb() + bounded[j]];
            long[] offsets = c.companionOffsets(bounded[j]);
            long[] companion = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                companion[i] = Goldilocks.add(limb[i], offsets[i & mask]);
            }
            limbs[c.firstLimb() + k + j] = companion;
        }
    }

    static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static long[] toField(long[] signed) {
        long[] out = new long[signed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.fromSigned(signed[i]);
        }
        return out;
    }

    /** Whether every value of an int array is an int16 (the public input's check). */
    static boolean allInt16(int[] values) {
        for (int v : values) {
            if (v < Requant.LO || v > Requant.HI) {
                return false;
            }
        }
        return true;
    }
}
