package io.edgeproof.iop.lookup;

import java.util.ArrayList;
import java.util.List;

/**
 * The prover's data for range-checking several columns in one lookup: each input's padded values and limbs
 * (as in {@link RangeCheckWitness}), and one lookup witness, the inputs' looked-up columns concatenated as
 * {@link RangeCheckBatch} places them, so the limb table's multiplicities are summed over every input. The
 * caller commits to each input's padded values and limbs and to the shared multiplicities, and absorbs the
 * commitments before proving.
 */
public record RangeCheckBatchWitness(List<RangeCheckSpec> specs, List<long[]> values, List<long[][]> limbs,
                                     LookupWitness lookup) {
    public RangeCheckBatchWitness {
        specs = List.copyOf(specs);
        values = List.copyOf(values);
        limbs = List.copyOf(limbs);
        if (specs.isEmpty() || values.size() != specs.size() || limbs.size() != specs.size()) {
            throw new IllegalArgumentException("a batch needs one spec, value column and limb set per input");
        }
    }

    /**
     * Splits every input into limbs and counts the lookups of all of them in the limb table. Throws if a
     * value is out of its range (its last limb misses the table): an honest prover stops here.
     */
    public static RangeCheckBatchWitness of(List<RangeCheckSpec> specs, List<long[]> values) {
        if (specs.isEmpty() || specs.size() != values.size()) {
            throw new IllegalArgumentException("need one spec per input column, and at least one input");
        }
        List<long[]> padded = new ArrayList<>(specs.size());
        List<long[][]> limbs = new ArrayList<>(specs.size());
        List<long[]> columns = new ArrayList<>(specs.size());
        int[] numValues = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            long[][] split = RangeCheckWitness.split(specs.get(i), values.get(i));
            padded.add(RangeCheckWitness.padded(values.get(i)));
            limbs.add(split);
            columns.add(RangeCheckWitness.lookedUpColumn(specs.get(i), split));
            numValues[i] = values.get(i).length;
        }
        RangeCheckBatch.Layout layout = RangeCheckBatch.Layout.of(specs, numValues);
        long[] column = layout.concatenate(columns);
        return new RangeCheckBatchWitness(specs, padded, limbs,
                LookupWitness.of(RangeTable.limbs(), new long[][] {column}));
    }

    public int numInputs() {
        return specs.size();
    }

    /** Input i's padded values (length a power of two). */
    public long[] values(int i) {
        return values.get(i).clone();
    }

    /** Input i's limb {@code l} column. */
    public long[] limb(int i, int l) {
        return limbs.get(i)[l].clone();
    }

    /** Variables of input i's padded values. */
    public int numVariables(int i) {
        return LogUpGkr.paddedVariables(values.get(i).length);
    }
}
