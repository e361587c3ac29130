package io.edgeproof.iop.lookup;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Range checks of several columns (any sizes, any specs) as ONE lookup into the limb table: the inputs'
 * looked-up columns W_i (2^(m_i) entries each) are concatenated, largest first, into one column W of 2^N
 * entries padded with zeros. Largest first puts each W_i at an offset that is a multiple of its size, so
 * <pre>  W(r) = sum_i eq(r_{>m_i}, offset_i / 2^(m_i)) W_i(r_{<=m_i}),</pre>
 * and the verifier rebuilds W(r) from each input's limb values at the prefix of r (see {@link RangeCheck}).
 * One witness-side and one table-side fraction tree serve the whole batch.
 */
final class RangeCheckBatch {
    private RangeCheckBatch() {}

    /** Where each input's looked-up column sits in the concatenated column. */
    record Layout(int[] valueVariables, int[] segmentVariables, long[] offsets, int variables) {
        /** Largest concatenated column: the lookup witness is one Java array. */
        static final int MAX_VARIABLES = 30;

        static Layout of(List<RangeCheckSpec> specs, int[] numValues) {
            int k = specs.size();
            if (k == 0 || numValues.length != k) {
                throw new IllegalArgumentException("need one value count per spec, and at least one input");
            }
            int[] n = new int[k], m = new int[k];
            for (int i = 0; i < k; i++) {
                if (numValues[i] < 0) {
                    throw new IllegalArgumentException("negative value count");
                }
                n[i] = LogUpGkr.paddedVariables(numValues[i]);
                m[i] = n[i] + specs.get(i).blockVariables();
            }
            long[] offsets = new long[k];
            long total = 0;
            Integer[] order = IntStream.range(0, k).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingInt((Integer i) -> m[i]).reversed());
            for (int i : order) {
                offsets[i] = total;
                total += 1L << m[i];
            }
            int variables = LogUpGkr.paddedVariables((int) Math.min(total, 1L << (MAX_VARIABLES + 1)));
            if (variables > MAX_VARIABLES) {
                throw new IllegalArgumentException("a batch of " + total + " lookups exceeds 2^" + MAX_VARIABLES);
            }
            return new Layout(n, m, offsets, variables);
        }

        /** The inputs' looked-up columns at their offsets, zeros elsewhere. */
        long[] concatenate(List<long[]> columns) {
            long[] out = new long[1 << variables];
            for (int i = 0; i < columns.size(); i++) {
                System.arraycopy(columns.get(i), 0, out, (int) offsets[i], columns.get(i).length);
            }
            return out;
        }

        /** eq(r_{>m_i}, offset_i / 2^(m_i)): whether r lands in input i's segment. */
        Ext3 selector(int i, long[] point) {
            long block = offsets[i] >>> segmentVariables[i];
            Ext3 eq = Ext3.ONE;
            for (int v = segmentVariables[i]; v < variables; v++) {
                Ext3 r = Ext3.read(point, v);
                eq = eq.mul(((block >>> (v - segmentVariables[i])) & 1) == 1 ? r : Ext3.ONE.sub(r));
            }
            return eq;
        }
    }

    static RangeCheck.BatchOutput prove(RangeCheckBatchWitness witness, Transcript transcript) {
        List<RangeCheckSpec> specs = witness.specs();
        int[] numValues = new int[specs.size()];
        for (int i = 0; i < numValues.length; i++) {
            numValues[i] = witness.values().get(i).length;
        }
        Layout layout = Layout.of(specs, numValues);
        bind(transcript, specs, layout);
        LogUpGkrProver.Output lookup = LogUpGkrProver.prove(RangeTable.limbs(), witness.lookup(), transcript);
        long[] point = lookup.claims().witnessColumns().get(0).point();
        List<List<Ext3>> limbValues = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            long[] low = Arrays.copyOf(point, 3 * layout.valueVariables()[i]);
            List<Ext3> values = new ArrayList<>(specs.get(i).limbs());
            for (long[] limb : witness.limbs().get(i)) {
                values.add(LogUpGkr.evaluate(limb, low));
            }
            limbValues.add(values);
        }
        RangeCheckBatchProof proof = new RangeCheckBatchProof(lookup.proof(), limbValues);
        return new RangeCheck.BatchOutput(proof, finish(transcript, specs, layout, point, proof,
                lookup.claims().multiplicities()));
    }

    static RangeCheckBatchClaims verify(List<RangeCheckSpec> specs, int[] numValues, RangeCheckBatchProof proof,
                                        Transcript transcript) throws VerificationException {
        Layout layout = Layout.of(specs, numValues);
        List<List<Ext3>> limbs = proof.limbEvaluations();
        boolean shaped = limbs.size() == specs.size();
        for (int i = 0; shaped && i < specs.size(); i++) {
            shaped = limbs.get(i).size() == specs.get(i).limbs();
        }
        if (!shaped) {
            throw new VerificationException(LookupReason.WRONG_SHAPE, "limb evaluations do not match the specs");
        }
        bind(transcript, specs, layout);
        LookupClaims lookup = LogUpGkrVerifier.verify(RangeTable.limbs(), layout.variables(), proof.lookup(),
                transcript);
        EvaluationClaim column = lookup.witnessColumns().get(0);
        long[] point = column.point();
        Ext3 rebuilt = Ext3.ZERO;
        for (int i = 0; i < specs.size(); i++) {
            long[] high = Arrays.copyOfRange(point, 3 * layout.valueVariables()[i], 3 * layout.segmentVariables()[i]);
            rebuilt = rebuilt.add(layout.selector(i, point)
                    .mul(RangeCheck.lookedUpColumnAt(specs.get(i), limbs.get(i), high)));
        }
        if (!column.value().equals(rebuilt)) {
            throw new VerificationException(LookupReason.LIMB_MISMATCH,
                    "the concatenated looked-up column does not match the inputs' limbs at the lookup point");
        }
        return finish(transcript, specs, layout, point, proof, lookup.multiplicities());
    }

    /** Bits of soundness: those of one lookup of the whole concatenated column. */
    static double soundnessBits(List<RangeCheckSpec> specs, int[] numValues) {
        Layout layout = Layout.of(specs, numValues);
        return LogUpGkr.soundnessBits(1 << layout.variables(), 1 << RangeTable.LIMB_BITS);
    }

    private static void bind(Transcript transcript, List<RangeCheckSpec> specs, Layout layout) {
        transcript.u64("range-batch-inputs", specs.size());
        for (int i = 0; i < specs.size(); i++) {
            RangeCheck.bindSpec(transcript, specs.get(i), layout.valueVariables()[i]);
        }
    }

    /** Absorbs every input's limb values (prover messages) and derives the claims both sides return. */
    private static RangeCheckBatchClaims finish(Transcript transcript, List<RangeCheckSpec> specs, Layout layout,
                                                long[] point, RangeCheckBatchProof proof, EvaluationClaim multiplicities) {
        List<RangeCheckClaims> inputs = new ArrayList<>(specs.size());
        for (int i = 0; i < specs.size(); i++) {
            List<Ext3> limbs = proof.limbEvaluations().get(i);
            transcript.exts("range-limb-evaluations", RangeCheck.interleave(limbs));
            long[] low = Arrays.copyOf(point, 3 * layout.valueVariables()[i]);
            inputs.add(RangeCheck.claims(specs.get(i), low, limbs, multiplicities));
        }
        return new RangeCheckBatchClaims(inputs, multiplicities);
    }
}
