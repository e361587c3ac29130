package io.edgeproof.zkml.zk;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a zero-knowledge proof that follows from the circuit, the batch and the visibility, so
 * prover and verifier build the same: the committed columns and where they live, how each tensor is read
 * (a {@link Reading} over columns, or a public table), the range lookups, the layouts of the hidden
 * polynomials with one Libra mask block per check, and the slots every check's hidden operands use.
 *
 * <p>Tensors are never committed as such: a dense output is its two 8-bit limbs (y = y0 + 256 y1 - 2^15), a
 * Relu output z = (y + w0 + 256 w1) / 2 with w = 2z - y range-checked, the hidden input is read through its
 * limbs x0, x1 (the committed input x is read once, by the input's own check). Model outputs and a public
 * input are public tables.
 */
final class ZkPlan {
    static final int LIMB_BITS = 8;
    static final int TABLE_VARS = LIMB_BITS;
    static final long LIMB = 1L << LIMB_BITS;
    static final long INT16_OFFSET = 1L << 15;

    enum Poly { INPUT, WEIGHTS, P1, P2 }

    /** A committed table: its polynomial, block there, element variables, extension-valued or not. */
    record Column(String name, Poly poly, int block, int vars, boolean ext) {}

    /**
     * A tensor as an affine combination of sources: a column id (>= 0) or a public tensor (-1 - tensor id).
     */
    record Reading(int[] sources, long[] coefficients, long constant) {
        static Reading ofPublic(int tensor) {
            return new Reading(new int[] {-1 - tensor}, new long[] {1}, 0);
        }
    }

    /** A looked-up column of a tensor's domain, shifted per channel by {@code offsets} (null: no shift). */
    record Lookup(int column, long[] offsets, int tensor, int inverse) {}

    /** Per dense step: its committed columns (-1 where absent). */
    record DenseColumns(int weights, int bias, int excessHigh, int excessLow, int[] remainder, int[] excess) {}

    final ZkCircuit circuit;
    final int batch;
    final boolean inputHidden;
    final boolean weightsHidden;
    final List<Column> columns = new ArrayList<>();
    final Reading[] readings;
    final DenseColumns[] dense;
    /** Per Relu step: its two limb columns of w = 2z - y. */
    final int[][] reluLimbs;
    /** The hidden input's column in P_in and its two limbs in P1 (-1 when the input is public). */
    final int inputColumn;
    final int[] inputLimbs;
    final List<Lookup> lookups = new ArrayList<>();
    final int multiplicities;
    final int tableInverse;
    final Layout inputLayout;
    final Layout weightLayout;
    final Layout p1 = new Layout();
    final Layout p2 = new Layout();
    /** Tensors with a domain check, in check order (after the step producing them). */
    final List<Integer> domains = new ArrayList<>();

    /** One check of the proof, in transcript order. */
    record CheckRef(Kind kind, int index) {
        enum Kind { DOMAIN, DENSE, TABLE }
    }

    /** Per check: its Libra mask block in P1, its sumcheck shape and the slot of each operand (-1: none). */
    record CheckSlots(int maskBlock, int numVariables, int degree, int[] slots, int revealed) {}

    final List<CheckRef> checks = new ArrayList<>();
    final List<CheckSlots> checkSlots = new ArrayList<>();

    ZkPlan(ZkCircuit circuit, int batch, boolean inputHidden, boolean weightsHidden, int weightBudget, int inputProofs) {
        if (!inputHidden && !weightsHidden) {
            throw new IllegalArgumentException("a zero-knowledge plan hides the input, the weights or both");
        }
        this.circuit = circuit;
        this.batch = batch;
        this.inputHidden = inputHidden;
        this.weightsHidden = weightsHidden;
        int numTensors = circuit.tensors().size();
        readings = new Reading[numTensors];
        dense = new DenseColumns[circuit.steps().size()];
        reluLimbs = new int[circuit.steps().size()][];
        inputLayout = inputHidden ? inputLayout(circuit, batch, inputProofs) : null;
        weightLayout = weightsHidden ? weightLayout(circuit, weightBudget) : null;
        if (inputHidden) {
            inputColumn = add("input", Poly.INPUT, 0, tensorVars(0), false);
            inputLimbs = new int[] {limbColumn("input limb 0", 0), limbColumn("input limb 1", 0)};
            readings[0] = new Reading(inputLimbs, new long[] {1, LIMB}, neg(INT16_OFFSET));
            lookups.add(fullLookup(inputLimbs[0], 0));
            lookups.add(fullLookup(inputLimbs[1], 0));
        } else {
            inputColumn = -1;
            inputLimbs = null;
            readings[0] = Reading.ofPublic(0);
        }
        if (inputHidden || consumedByRelu(0)) {
            domains.add(0);
            checks.add(new CheckRef(CheckRef.Kind.DOMAIN, 0));
        }
        int denseIndex = 0;
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ZkCircuit.Dense d -> planDense(s, d, denseIndex++);
                case ZkCircuit.Relu r -> planRelu(s, r);
            }
            if (circuit.steps().get(s) instanceof ZkCircuit.Dense) {
                checks.add(new CheckRef(CheckRef.Kind.DENSE, s));
            }
        }
        for (int s = 0; s < circuit.steps().size(); s++) {
            int out = circuit.steps().get(s).output();
            if (circuit.steps().get(s) instanceof ZkCircuit.Dense || consumedByRelu(out)) {
                domains.add(out);
                checks.add(new CheckRef(CheckRef.Kind.DOMAIN, out));
            }
        }
        checks.add(new CheckRef(CheckRef.Kind.TABLE, 0));
        multiplicities = add("multiplicities", Poly.P1, p1.addBlock(TABLE_VARS), TABLE_VARS, false);
        tableInverse = add("table inverse", Poly.P2, p2.addBlock(TABLE_VARS + 2), TABLE_VARS, true);
    }

    /** The plan with every check's mask block and slots assigned and the per-proof polynomials packed. */
    static ZkPlan of(ZkCircuit circuit, int batch, boolean inputHidden, boolean weightsHidden, int weightBudget,
                     int inputProofs) {
        ZkPlan plan = new ZkPlan(circuit, batch, inputHidden, weightsHidden, weightBudget, inputProofs);
        int inputUses = 0;
        int weightUses = 0;
        for (int c = 0; c < plan.checks.size(); c++) {
            Check check = ZkChecks.build(plan, c, ZkChecks.Challenges.PLACEHOLDER, PublicTensors.zero(plan));
            int[] slots = new int[check.operands().size()];
            for (int o = 0; o < slots.length; o++) {
                Operand op = check.operands().get(o);
                slots[o] = op.kind() != Operand.Kind.HIDDEN ? -1 : switch (plan.column(op.column()).poly()) {
                    case INPUT -> inputUses++;
                    case WEIGHTS -> weightUses++;
                    case P1 -> plan.p1.addSlots(1);
                    case P2 -> plan.p2.addSlots(1);
                };
            }
            int maskBlock = plan.p1.addBlock(Layout.maskVars(check.numVariables(), check.degree()));
            plan.checkSlots.add(new CheckSlots(maskBlock, check.numVariables(), check.degree(), slots,
                    CheckVerifier.revealedCount(check)));
        }
        if ((inputHidden && inputUses != inputSlotsPerProof()) || (weightsHidden && weightUses != weightSlotsPerProof(circuit))) {
            throw new IllegalStateException("the checks read the input or weights more often than their slots allow");
        }
        plan.p1.pack();
        plan.p2.pack();
        return plan;
    }

    /** P_in: the input block (columns low, rows high) and one slot per proof of the commitment. */
    static Layout inputLayout(ZkCircuit circuit, int batch, int proofs) {
        Layout l = new Layout();
        l.addBlock(circuit.tensor(0).colVars() + circuit.tensor(0).rowVars(batch));
        l.addSlots(proofs);
        return l.pack();
    }

    /** Slots one proof uses in P_in. */
    static int inputSlotsPerProof() {
        return 1;
    }

    /** P_W: per dense layer its weight block (k low, n high) and bias block; 2 slots per layer and proof. */
    static Layout weightLayout(ZkCircuit circuit, int budget) {
        Layout l = new Layout();
        for (ZkCircuit.Dense d : circuit.denseSteps()) {
            int k = ZkCircuit.log2Ceil(d.in());
            int n = ZkCircuit.log2Ceil(d.out());
            l.addBlock(k + n);
            l.addBlock(n);
        }
        l.addSlots(budget * weightSlotsPerProof(circuit));
        return l.pack();
    }

    static int weightSlotsPerProof(ZkCircuit circuit) {
        return 2 * circuit.denseSteps().size();
    }

    int tensorVars(int tensor) {
        ZkCircuit.Tensor t = circuit.tensor(tensor);
        return t.colVars() + t.rowVars(batch);
    }

    int colVars(int tensor) {
        return circuit.tensor(tensor).colVars();
    }

    int rowVars(int tensor) {
        return circuit.tensor(tensor).rowVars(batch);
    }

    Column column(int id) {
        return columns.get(id);
    }

    Layout layout(Poly poly) {
        return switch (poly) {
            case INPUT -> inputLayout;
            case WEIGHTS -> weightLayout;
            case P1 -> p1;
            case P2 -> p2;
        };
    }

    private boolean consumedByRelu(int tensor) {
        for (ZkCircuit.Step s : circuit.steps()) {
            if (s instanceof ZkCircuit.Relu r && r.input() == tensor) {
                return true;
            }
        }
        return false;
    }

    private int add(String name, Poly poly, int block, int vars, boolean ext) {
        columns.add(new Column(name, poly, block, vars, ext));
        return columns.size() - 1;
    }

    /** A P1 base column over a tensor's domain. */
    private int limbColumn(String name, int tensor) {
        int vars = tensorVars(tensor);
        return add(name, Poly.P1, p1.addBlock(vars), vars, false);
    }

    private Lookup fullLookup(int column, int tensor) {
        return lookup(column, null, tensor);
    }

    private Lookup lookup(int column, long[] offsets, int tensor) {
        int vars = tensorVars(tensor);
        int inverse = add("inverse of " + columns.get(column).name() + (offsets == null ? "" : " (bounded)"), Poly.P2,
                p2.addBlock(vars + 2), vars, true);
        return new Lookup(column, offsets, tensor, inverse);
    }

    private void planDense(int s, ZkCircuit.Dense d, int index) {
        int y = d.output();
        int weights, bias;
        int k = ZkCircuit.log2Ceil(d.in()), n = ZkCircuit.log2Ceil(d.out());
        if (weightsHidden) {
            weights = add("weights of step " + s, Poly.WEIGHTS, 2 * index, k + n, false);
            bias = add("bias of step " + s, Poly.WEIGHTS, 2 * index + 1, n, false);
        } else {
            // a public column's block is 2 step (+1 for the bias): where to look in the public-mode layout
            weights = add("public weights of step " + s, null, 2 * s, k + n, false);
            bias = add("public bias of step " + s, null, 2 * s + 1, n, false);
        }
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            int y0 = limbColumn("output limb 0 of step " + s, y);
            int y1 = limbColumn("output limb 1 of step " + s, y);
            readings[y] = new Reading(new int[] {y0, y1}, new long[] {1, LIMB}, neg(INT16_OFFSET));
            lookups.add(fullLookup(y0, y));
            lookups.add(fullLookup(y1, y));
        }
        int high = limbColumn("clamp excess (high) of step " + s, y);
        int low = limbColumn("clamp excess (low) of step " + s, y);
        int[] channelShift = new int[1 << n];
        int[] channelExcess = new int[1 << n];
        for (int c = 0; c < d.out(); c++) {
            channelShift[c] = d.shifts()[c];
            channelExcess[c] = d.excessBits();
        }
        int[] remainder = boundedLimbs("remainder", s, y, channelShift);
        int[] excess = boundedLimbs("excess", s, y, channelExcess);
        dense[s] = new DenseColumns(weights, bias, high, low, remainder, excess);
    }

    /**
     * Limb columns of a value below 2^(bits[c]) in channel c (padded channels: bits 0, so the value is 0):
     * every limb is looked up, and a limb some channel bounds below 8 bits also as limb + 256 - 2^b.
     */
    private int[] boundedLimbs(String what, int s, int tensor, int[] channelBits) {
        int max = 0;
        for (int b : channelBits) {
            max = Math.max(max, b);
        }
        int count = Math.max(1, (max + LIMB_BITS - 1) / LIMB_BITS);
        int[] limbs = new int[count];
        for (int l = 0; l < count; l++) {
            limbs[l] = limbColumn(what + " limb " + l + " of step " + s, tensor);
            lookups.add(fullLookup(limbs[l], tensor));
            long[] offsets = new long[channelBits.length];
            boolean bounded = false;
            for (int c = 0; c < channelBits.length; c++) {
                int b = Math.clamp(channelBits[c] - (long) LIMB_BITS * l, 0, LIMB_BITS);
                offsets[c] = LIMB - (1L << b);
                bounded |= b < LIMB_BITS;
            }
            if (bounded) {
                lookups.add(lookup(limbs[l], offsets, tensor));
            }
        }
        return limbs;
    }

    private void planRelu(int s, ZkCircuit.Relu r) {
        int w0 = limbColumn("relu limb 0 of step " + s, r.input());
        int w1 = limbColumn("relu limb 1 of step " + s, r.input());
        reluLimbs[s] = new int[] {w0, w1};
        lookups.add(fullLookup(w0, r.input()));
        lookups.add(fullLookup(w1, r.input()));
        if (circuit.isOutput(r.output())) {
            readings[r.output()] = Reading.ofPublic(r.output());
            return;
        }
        // z = (y + w0 + 256 w1) / 2
        long half = io.edgeproof.field.Goldilocks.inverse(2);
        Reading y = readings[r.input()];
        int[] sources = java.util.Arrays.copyOf(y.sources(), y.sources().length + 2);
        long[] coefs = new long[sources.length];
        for (int i = 0; i < y.sources().length; i++) {
            coefs[i] = io.edgeproof.field.Goldilocks.mul(half, y.coefficients()[i]);
        }
        sources[sources.length - 2] = w0;
        sources[sources.length - 1] = w1;
        coefs[coefs.length - 2] = half;
        coefs[coefs.length - 1] = io.edgeproof.field.Goldilocks.mul(half, LIMB);
        readings[r.output()] = new Reading(sources, coefs, io.edgeproof.field.Goldilocks.mul(half, y.constant()));
    }

    static long neg(long v) {
        return io.edgeproof.field.Goldilocks.neg(v);
    }
}
