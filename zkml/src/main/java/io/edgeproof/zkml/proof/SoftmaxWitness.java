package io.edgeproof.zkml.proof;

/**
 * The committed values of a softmax step, derived from its input x and its (trace) output y over the padded
 * block: per row the max m and the sum Z (row blocks), per element the one-hot selector s of the first
 * maximum, e = T[m - x], the remainder r = 65534 e + Z - 2 y Z and its complement g = 2Z - 1 - r (zero on
 * padding), and the multiplicities of the lookup pairs (m - x, e + (1 - sel) T[0]). A wrong y (only a
 * tampered trace has one) gives an r or g outside its range, which the range lookup then rejects.
 */
final class SoftmaxWitness {
    private SoftmaxWitness() {}

    /**
     * Fills the step's blocks in {@code ints} (signed integers) from the padded x and y; the tamper may
     * change the row maxima and selectors, then the row sums (what follows is recomputed from them).
     */
    static void fill(WitnessPlan plan, int step, SoftmaxStep sm, long[] x, long[] y, long[][] ints, WitnessTamper tamper) {
        int[] blocks = plan.softmaxBlocks[step];
        int cv = plan.colVars(sm.output());
        int rows = plan.batch * plan.circuit.tensor(sm.output()).rowsPerSample();
        int size = 1 << plan.tensorVars(sm.output());
        int[] table = sm.differenceTable();
        long[] max = new long[1 << plan.rowVars(sm.output())];
        long[] sum = new long[max.length];
        long[] select = new long[size];
        long[] exp = new long[size];
        long[] rem = new long[size];
        long[] gap = new long[size];
        long[] counts = new long[TableStep.SIZE];
        for (int i = 0; i < rows; i++) {
            int base = i << cv;
            int arg = 0;
            for (int j = 1; j < sm.rowLength(); j++) {
                arg = x[base + j] > x[base + arg] ? j : arg;
            }
            max[i] = x[base + arg];
            select[base + arg] = 1;
        }
        tamper.softmaxMax(step, max, select);
        for (int i = 0; i < rows; i++) {
            for (int j = i << cv; j < (i << cv) + sm.rowLength(); j++) {
                long d = max[i] - x[j];
                exp[j] = d >= 0 && d < table.length ? table[(int) d] : 0;
                sum[i] += exp[j];
            }
        }
        tamper.softmaxSum(step, sum);
        for (int i = 0; i < max.length; i++) {
            for (int j = i << cv; j < (i + 1) << cv; j++) {
                boolean real = i < rows && j - (i << cv) < sm.rowLength();
                if (real) {
                    rem[j] = SoftmaxStep.TWICE_MAX * exp[j] + sum[i] - 2 * y[j] * sum[i];
                    gap[j] = 2 * sum[i] - 1 - rem[j];
                }
                long d = real ? max[i] - x[j] : 0; // padding looks up the pair (0, T[0])
                if (d >= 0 && d < table.length) {
                    counts[(int) d]++;
                }
            }
        }
        ints[blocks[MAX]] = max;
        ints[blocks[SUM]] = sum;
        ints[blocks[SELECT]] = select;
        ints[blocks[EXP]] = exp;
        ints[blocks[GAP]] = gap;
        ints[plan.remainderBlock[step]] = rem;
        ints[plan.lookupMultiplicityBlock[step]] = counts;
    }

    /** Indices into {@code WitnessPlan.softmaxBlocks[step]}. */
    static final int MAX = 0, SUM = 1, SELECT = 2, EXP = 3, GAP = 4, BLOCKS = 5;
}
