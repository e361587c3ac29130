package io.edgeproof.zkml.proof;

import io.edgeproof.iop.lookup.RangeTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where every per-proof value lives for a batch of B samples: one block per tensor (rows of all samples x
 * columns, both padded to powers of two), per Linear or Conv step its remainder r and clamp excess e
 * (t = y + e (2y + 1) / 65535), per element-wise requantization its r, e+ and e- (t = y + e+ - e-), per
 * MaxPool step the differences m - x_j, the range columns and their limbs (packed in one "limb region"
 * block, the column the range lookup reads) and the 2^16 lookup multiplicities. Derived from the circuit
 * and B only, so prover and verifier build the same plan.
 *
 * <p>A block that is the first source of a range column is <em>virtual</em>: never committed, it is defined
 * by that column, source = (sum_l 2^(16 l) limb_l - offset - the other sources) / coefficient. A claim on it
 * becomes claims on the limbs and the other sources ({@link RangeChecks#resolve}). So y, r, e, the Relu
 * outputs and the max-pool differences cost only their limbs.
 */
final class WitnessPlan {
    final ModelCircuit circuit;
    final int batch;
    final int[] tensorBlock;
    final int[] remainderBlock;
    /** Per Linear or Conv step: the block of its clamp excess e = |t - y| (-1 for other steps). */
    final int[] excessBlock;
    final int[] excessHighBlock;
    final int[] excessLowBlock;
    /** Per Lookup step: the block of its 2^16 table multiplicities (-1 for other steps). */
    final int[] lookupMultiplicityBlock;
    /** Per Softmax step: its blocks, indexed as in {@link SoftmaxWitness} (null for other steps). */
    final int[][] softmaxBlocks;
    /** Per MaxPool step, per window position j: the block of m - x_j (null for other steps). */
    final int[][] differenceBlocks;
    final List<RangeColumn> ranges = new ArrayList<>();
    /** The limb region's sub-blocks: limbs, then guests ({@link LimbRegion}). */
    final BlockLayout limbLayout;
    final LimbRegion region;
    final int regionBlock;
    final int multiplicityBlock;
    final BlockLayout layout;
    /** Per block: the index of the range column that defines it, or -1 for a committed block. */
    final int[] definingColumn;
    private final List<Integer> blockVars = new ArrayList<>();
    private final List<Integer> definitions = new ArrayList<>();
    private final List<Integer> limbVars = new ArrayList<>();

    WitnessPlan(ModelCircuit circuit, int batch) {
        this.circuit = circuit;
        this.batch = batch;
        int numTensors = circuit.tensors().size();
        tensorBlock = new int[numTensors];
        tensorBlock[0] = RangeColumn.PUBLIC_INPUT;
        for (int t = 1; t < numTensors; t++) {
            tensorBlock[t] = newBlock(tensorVars(t));
        }
        int numSteps = circuit.steps().size();
        remainderBlock = new int[numSteps];
        excessBlock = new int[numSteps];
        java.util.Arrays.fill(excessBlock, -1);
        excessHighBlock = new int[numSteps];
        excessLowBlock = new int[numSteps];
        differenceBlocks = new int[numSteps][];
        softmaxBlocks = new int[numSteps][];
        lookupMultiplicityBlock = new int[numSteps];
        java.util.Arrays.fill(lookupMultiplicityBlock, -1);
        for (int s = 0; s < numSteps; s++) {
            switch (circuit.steps().get(s)) {
                case ModelCircuit.Linear l -> planLinear(s, l);
                case ModelCircuit.Relu r -> planRelu(r);
                case ModelCircuit.MaxPool m -> planMaxPool(s, m);
                case RequantStep q -> planRequant(s, q);
                case TableStep t -> lookupMultiplicityBlock[s] = newBlock(RangeTable.LIMB_BITS);
                case GatherStep g -> { } // linear: pinned by its input alone
                case SoftmaxStep x -> planSoftmax(s, x);
            }
        }
        if (limbVars.isEmpty()) {
            limbVars.add(0); // no range column (a model of lookups only): the region is one zero limb
        }
        multiplicityBlock = newBlock(RangeTable.LIMB_BITS);
        List<int[]> candidates = new ArrayList<>();
        for (int b = 0; b < blockVars.size(); b++) {
            if (definitions.get(b) < 0) {
                candidates.add(new int[] {b, blockVars.get(b)});
            }
        }
        region = new LimbRegion(limbVars.stream().mapToInt(Integer::intValue).toArray(), candidates);
        limbLayout = region.layout;
        regionBlock = newBlock(region.vars());
        definingColumn = definitions.stream().mapToInt(Integer::intValue).toArray();
        int[] placed = new int[blockVars.size()];
        for (int b = 0; b < placed.length; b++) {
            boolean inRegion = region.guestSubBlock(b) >= 0;
            placed[b] = definingColumn[b] < 0 && !inRegion ? blockVars.get(b) : BlockLayout.NOT_PLACED;
        }
        layout = BlockLayout.packed(placed);
    }

    /**
     * Where a committed block lives: its own place in the layout, or inside the limb region for a guest;
     * null for a virtual block.
     */
    BlockLayout.Placement placement(int block) {
        int sub = region.guestSubBlock(block);
        if (sub < 0) {
            return layout.placement(block);
        }
        BlockLayout.Placement outer = layout.placement(regionBlock);
        BlockLayout.Placement inner = limbLayout.placement(sub);
        return new BlockLayout.Placement(outer.polynomial(), outer.offset() + inner.offset(), inner.vars());
    }

    boolean isVirtual(int block) {
        return definingColumn[block] >= 0;
    }

    int rowVars(int tensor) {
        return circuit.tensor(tensor).rowVars(batch);
    }

    int colVars(int tensor) {
        return circuit.tensor(tensor).colVars();
    }

    int tensorVars(int tensor) {
        return rowVars(tensor) + colVars(tensor);
    }

    /** 1 on the entries holding real values of the batch (rows and columns), 0 on padding. */
    long[] elementSelector(int tensor) {
        ModelCircuit.Tensor t = circuit.tensor(tensor);
        long[] sel = new long[1 << tensorVars(tensor)];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t.size(); i++) {
                sel[t.blockIndex(b, i)] = 1;
            }
        }
        return sel;
    }

    /** 1 on the rows holding real values (all samples); the other rows are padding, forced to zero. */
    long[] rowSelector(int tensor) {
        return circuit.tensor(tensor).rowSelector(batch);
    }

    private int newBlock(int vars) {
        if (vars > io.edgeproof.commit.basefold.BasefoldParams.MAX_VARIABLES) {
            throw new IllegalArgumentException("a batch of " + batch + " needs a block of 2^" + vars
                    + " values, more than a commitment holds");
        }
        blockVars.add(vars);
        definitions.add(-1);
        return blockVars.size() - 1;
    }


    private void planLinear(int s, ModelCircuit.Linear l) {
        int rv = rowVars(l.output());
        int cv = colVars(l.output());
        int vars = rv + cv;
        remainderBlock[s] = newBlock(vars);
        excessBlock[s] = newBlock(vars);
        int y = tensorBlock[l.output()];
        addRange("int16 output of step " + s, rv, cv, new int[] {y}, new long[] {1},
                RangeColumn.constant(cv, 1L << 15), 16);
        int[] shiftBits = new int[1 << cv];
        int[] excessBits = new int[1 << cv];
        for (int c = 0; c < l.out(); c++) {
            shiftBits[c] = l.shifts()[c];
            excessBits[c] = excessBound(l, c);
        }
        // Padded channels get bound 2^0: their r and e are 0.
        addRange("remainder of step " + s, rv, cv, new int[] {remainderBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), shiftBits);
        addRange("clamp excess of step " + s, rv, cv, new int[] {excessBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), excessBits);
    }

    /**
     * Bits of channel c's excess check: E_c, or a whole limb (16) when E_c is below it and the field bound
     * still holds with 2^16: e is pinned by the requantization relation, the check only has to keep it
     * non-negative and small enough not to wrap, and a whole limb needs no companion.
     */
    private static int excessBound(ModelCircuit.Linear l, int c) {
        int e = l.excessBits()[c];
        boolean wholeLimb = e < RangeTable.LIMB_BITS
                && ModelCircuit.noWrap(l.accBound()[c], l.multipliers()[c], l.shifts()[c], RangeTable.LIMB_BITS);
        return wholeLimb ? RangeTable.LIMB_BITS : e;
    }

    /** y int16, 0 <= r < 2^s, 0 <= e+, e- < 2^E, uniform over the block (padding is forced to zero anyway). */
    private void planRequant(int s, RequantStep q) {
        int rv = rowVars(q.output());
        int cv = colVars(q.output());
        remainderBlock[s] = newBlock(rv + cv);
        excessHighBlock[s] = newBlock(rv + cv);
        excessLowBlock[s] = newBlock(rv + cv);
        addRange("int16 output of step " + s, rv, cv, new int[] {tensorBlock[q.output()]}, new long[] {1},
                RangeColumn.constant(cv, 1L << 15), 16);
        int e = q.maxExcessBits();
        addRange("remainder of step " + s, rv, cv, new int[] {remainderBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), q.shift());
        // Two checks here, not one of e+ + e-: that shortcut relies on LinearCheck's clamp constraints.
        addRange("clamp excess (high) of step " + s, rv, cv, new int[] {excessHighBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), e);
        addRange("clamp excess (low) of step " + s, rv, cv, new int[] {excessLowBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), e);
    }

    private void planRelu(ModelCircuit.Relu r) {
        int rv = rowVars(r.output());
        int cv = colVars(r.output());
        int z = tensorBlock[r.output()];
        int y = tensorBlock[r.input()];
        if (provenInt16(r.input())) {
            // With z (z - y) = 0 and y in [-2^15, 2^15): z + (z - y) in [0, 2^16) excludes z = 0 < y and z = y < 0.
            addRange("relu output plus its distance to the input", rv, cv, new int[] {z, y}, new long[] {2, -1},
                    RangeColumn.constant(cv, 0), 16);
            return;
        }
        addRange("relu output", rv, cv, new int[] {z}, new long[] {1}, RangeColumn.constant(cv, 0), 16);
        addRange("relu output minus input", rv, cv, new int[] {z, y}, new long[] {1, -1}, RangeColumn.constant(cv, 0),
                16);
    }

    /**
     * Row blocks m and Z, element blocks s, e, r, g, the lookup's multiplicities; range checks y in
     * [0, 2^16) and r, g in [0, 2^b) (r + g + 1 = 2Z is zero-checked, so 0 <= r < 2Z).
     */
    private void planSoftmax(int s, SoftmaxStep x) {
        int rv = rowVars(x.output());
        int cv = colVars(x.output());
        int[] b = new int[SoftmaxWitness.BLOCKS];
        b[SoftmaxWitness.MAX] = newBlock(rv);
        b[SoftmaxWitness.SUM] = newBlock(rv);
        b[SoftmaxWitness.SELECT] = newBlock(rv + cv);
        b[SoftmaxWitness.EXP] = newBlock(rv + cv);
        b[SoftmaxWitness.GAP] = newBlock(rv + cv);
        softmaxBlocks[s] = b;
        remainderBlock[s] = newBlock(rv + cv);
        lookupMultiplicityBlock[s] = newBlock(RangeTable.LIMB_BITS);
        addRange("softmax output of step " + s, rv, cv, new int[] {tensorBlock[x.output()]}, new long[] {1},
                RangeColumn.constant(cv, 0), 16);
        int bits = x.remainderBits();
        addRange("softmax remainder of step " + s, rv, cv, new int[] {remainderBlock[s]}, new long[] {1},
                RangeColumn.constant(cv, 0), bits);
        addRange("softmax remainder gap of step " + s, rv, cv, new int[] {b[SoftmaxWitness.GAP]}, new long[] {1},
                RangeColumn.constant(cv, 0), bits);
    }

    /**
     * Whether the proof already forces every value of the tensor into [-2^15, 2^15): the public input (the
     * verifier checks it), a Linear's output (range-checked), and a Relu's or MaxPool's output when its
     * input is (each output value is 0, -2^15 or an input value). Any other producer: not assumed.
     */
    private boolean provenInt16(int tensor) {
        if (tensor == 0) {
            return true;
        }
        for (ModelCircuit.Step step : circuit.steps()) {
            if (step.output() == tensor) {
                return step instanceof ModelCircuit.Linear
                        || (step instanceof ModelCircuit.Relu r && provenInt16(r.input()))
                        || (step instanceof ModelCircuit.MaxPool m && provenInt16(m.input()));
            }
        }
        return false;
    }

    /** m - x_j in [0, 2^16) for every window position j (the zero-check of prod_j (m - x_j) is in MaxPoolCheck). */
    private void planMaxPool(int s, ModelCircuit.MaxPool m) {
        int rv = rowVars(m.output());
        int cv = colVars(m.output());
        differenceBlocks[s] = new int[m.window().size()];
        for (int j = 0; j < differenceBlocks[s].length; j++) {
            differenceBlocks[s][j] = newBlock(rv + cv);
            addRange("max-pool difference " + j + " of step " + s, rv, cv, new int[] {differenceBlocks[s][j]},
                    new long[] {1}, RangeColumn.constant(cv, 0), 16);
        }
    }

    private void addRange(String what, int rv, int cv, int[] sources, long[] coefs, long[] offsets, int bits) {
        addRange(what, rv, cv, sources, coefs, offsets, RangeColumn.constantBits(cv, bits));
    }

    private void addRange(String what, int rv, int cv, int[] sources, long[] coefs, long[] offsets, int[] channelBits) {
        RangeColumn c = new RangeColumn(what, rv, cv, sources, coefs, offsets, channelBits, limbVars.size());
        for (int i = 0; i < c.subBlocks(); i++) {
            limbVars.add(rv + cv);
        }
        if (sources[0] != RangeColumn.PUBLIC_INPUT && definitions.get(sources[0]) < 0) {
            definitions.set(sources[0], ranges.size()); // the column defines its first source
        }
        ranges.add(c);
    }
}
