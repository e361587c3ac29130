package io.edgeproof.zkml.zk;

import io.edgeproof.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about a zero-knowledge proof that follows from the circuit, the batch and the visibility, so
 * prover and verifier build the same: the committed columns, grouped per polynomial and tensor domain (one
 * block per group, column index in the high bits, so a check reads a whole group at one batched point), how
 * each tensor is read (a {@link Reading} over columns, or a public table), the range lookups, the layouts
 * of the hidden polynomials, and per check its Libra mask block and the one-time masks of every group it
 * reads.
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

    /**
     * A committed table: column {@code index} of {@code group}, over {@code vars} element variables. A public
     * weight column has no polynomial here: its index is 2 step (+1 for the bias) in the public-mode layout.
     */
    record Column(String name, Poly poly, int group, int index, int vars, boolean ext) {}

    /**
     * Columns of one domain in one polynomial, stacked in one block (column bits above element bits); for
     * weights, {@code part} is the weight polynomial and {@code weightBlock} the block's index in
     * {@link WeightLayout} (-1 elsewhere).
     */
    record Group(Poly poly, int part, int block, int vars, boolean ext, int[] columns, int columnBits, int weightBlock) {}

    /** A tensor as an affine combination of sources: a column id (>= 0) or a public tensor (-1 - tensor id). */
    record Reading(int[] sources, long[] coefficients, long constant) {
        static Reading ofPublic(int tensor) {
            return new Reading(new int[] {-1 - tensor}, new long[] {1}, 0);
        }
    }

    /** A looked-up column of a tensor's domain, shifted per channel by {@code offsets} (null: no shift). */
    record Lookup(int column, long[] offsets, int tensor) {}

    /**
     * An inverse column of the LogUp (P2, extension values): h = sum over its (up to
     * {@value #LOOKUPS_PER_INVERSE}) lookups u of 1 / (alpha - u), entry by entry; each lookup more per column
     * shrinks P2 (a third of the columns for three) for one more degree of the domain check.
     */
    record Inverse(int column, int tensor, List<Lookup> lookups) {}

    /** Per dense (or conv) step, and per element-wise or MatMul step (no weights: -1), its columns. */
    record DenseColumns(int weights, int bias, int excessHigh, int excessLow, int[] remainder, int[] excess) {}

    /**
     * Per max-pool step: the max m (-1 when the pool's output is public) and, per window position j, the two
     * limbs of d_j = m - x_j, all over the output's domain.
     */
    record PoolColumns(int max, int[][] differences) {}

    /**
     * Per Lookup step: the looked-up values y (-1 when y is public), the step's table multiplicities (P1), its
     * table side g = m / (alpha - row) (P2) and the inverse column h = 1 / (alpha - u) over y's domain (P2),
     * u = (x + 2^15) + zeta (y + (1 - sel) T[2^15]) and row j = j + zeta T[j].
     */
    record TableColumns(int values, int multiplicities, int tableInverse, int inverse) {}

    /**
     * Per Softmax step: per row the max m and the sum Z (a group over the output's rows), per element the
     * one-hot selector s of the max, e = T[m - x] (the step's lookup values, {@link #tables}), and the limbs of
     * the remainder r and of its gap g = 2Z - 1 - r.
     */
    record SoftmaxColumns(int max, int sum, int select, int exp, int[] remainder, int[] gap) {}

    /** One check of the proof, in transcript order. */
    record CheckRef(Kind kind, int index) {
        enum Kind { DOMAIN, DENSE, POOL, ELEMENTWISE, GATHER, LOOKUP_TABLE, TABLE, SOFTMAX, SOFTMAX_SUM, MATMUL }
    }

    /**
     * How a check reads one group: its one-time masks are the first elements of {@code sigmaBlock} (P1, P2:
     * a block per check and group), or come from the per-proof masks of a committed input or weights.
     */
    record GroupUse(int group, int sigmaBlock) {}

    /** Per check: its Libra mask block in P1, its sumcheck shape, its revealed values and group reads. */
    record CheckSlots(int maskBlock, int numVariables, int degree, int revealed, List<GroupUse> groups) {}

    final ZkCircuit circuit;
    final int batch;
    final boolean inputHidden;
    final boolean weightsHidden;
    final List<Column> columns = new ArrayList<>();
    final List<Group> groups = new ArrayList<>();
    final Reading[] readings;
    final DenseColumns[] dense;
    /** Per Relu step: its two limb columns of w = 2z - y. */
    final int[][] reluLimbs;
    final PoolColumns[] pools;
    /** Per element-wise Mul with a broadcast operand: the committed copy S b of that operand (else -1). */
    final int[] broadcastCopies;
    final TableColumns[] tables;
    final SoftmaxColumns[] softmax;
    final int inputColumn;
    final int[] inputLimbs;
    final List<Lookup> lookups = new ArrayList<>();
    final List<Inverse> inverses = new ArrayList<>();
    final int multiplicities;
    final int tableInverse;
    final Layout inputLayout;
    final WeightLayout weightLayout;
    final Layout p1 = new Layout();
    final Layout p2 = new Layout();
    final List<CheckRef> checks = new ArrayList<>();
    final List<CheckSlots> checkSlots = new ArrayList<>();
    /** Columns waiting for their group: key (polynomial, domain tensor) -> column ids. */
    private final Map<String, List<Integer>> pending = new LinkedHashMap<>();

    private ZkPlan(ZkCircuit circuit, int batch, boolean inputHidden, boolean weightsHidden, int weightBudget,
                   int inputProofs) {
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
        pools = new PoolColumns[circuit.steps().size()];
        broadcastCopies = new int[circuit.steps().size()];
        Arrays.fill(broadcastCopies, -1);
        tables = new TableColumns[circuit.steps().size()];
        softmax = new SoftmaxColumns[circuit.steps().size()];
        inputLayout = inputHidden ? inputLayout(circuit, batch, inputProofs) : null;
        weightLayout = weightsHidden ? new WeightLayout(circuit, weightBudget) : null;
        if (inputHidden) {
            inputColumn = single("input", Poly.INPUT, 0, 0, -1, tensorVars(0));
            inputLimbs = new int[] {limbColumn("input limb 0", 0), limbColumn("input limb 1", 0)};
            readings[0] = new Reading(inputLimbs, new long[] {1, LIMB}, neg(INT16_OFFSET));
            lookups.add(lookup(inputLimbs[0], null, 0));
            lookups.add(lookup(inputLimbs[1], null, 0));
            checks.add(new CheckRef(CheckRef.Kind.DOMAIN, 0));
        } else {
            inputColumn = -1;
            inputLimbs = null;
            readings[0] = Reading.ofPublic(0);
            if (consumedByRelu(0)) {
                checks.add(new CheckRef(CheckRef.Kind.DOMAIN, 0));
            }
        }
        int denseIndex = 0;
        for (int s = 0; s < circuit.steps().size(); s++) {
            switch (circuit.steps().get(s)) {
                case ZkCircuit.Dense d -> {
                    planDense(s, d, denseIndex++);
                    checks.add(new CheckRef(CheckRef.Kind.DENSE, s));
                }
                case ZkCircuit.Relu r -> planRelu(s, r);
                case ZkCircuit.MaxPool m -> {
                    planPool(s, m);
                    checks.add(new CheckRef(CheckRef.Kind.POOL, s));
                }
                case ZkCircuit.Elementwise e -> {
                    int[] shifts = new int[circuit.tensor(e.output()).cols()];
                    java.util.Arrays.fill(shifts, e.shift());
                    dense[s] = requantColumns(s, e.output(), -1, -1, shifts, e.excessBits());
                    if (e.kind() == io.edgeproof.zkml.proof.DenseCircuit.ElementwiseKind.MUL && e.mapOut() != null) {
                        // a product with a mapped operand is not separable: the gathered copy is committed (int16:
                        // each element reads exactly one value) and tied to b by the check's gather relation
                        broadcastCopies[s] = add("broadcast operand of step " + s, Poly.P1, "tensor " + e.output(),
                                tensorVars(e.output()), false);
                    }
                    checks.add(new CheckRef(CheckRef.Kind.ELEMENTWISE, s));
                }
                case ZkCircuit.Gather g -> {
                    planGather(s, g);
                    checks.add(new CheckRef(CheckRef.Kind.GATHER, s));
                }
                case ZkCircuit.Table t -> {
                    planTable(s, t);
                    checks.add(new CheckRef(CheckRef.Kind.LOOKUP_TABLE, s));
                }
                case ZkCircuit.MatMul m -> {
                    int[] shifts = new int[circuit.tensor(m.output()).cols()];
                    Arrays.fill(shifts, m.shift());
                    dense[s] = requantColumns(s, m.output(), -1, -1, shifts, m.excessBits());
                    checks.add(new CheckRef(CheckRef.Kind.MATMUL, s));
                }
                case ZkCircuit.Softmax x -> {
                    planSoftmax(s, x);
                    checks.add(new CheckRef(CheckRef.Kind.SOFTMAX, s));
                    checks.add(new CheckRef(CheckRef.Kind.SOFTMAX_SUM, s));
                    checks.add(new CheckRef(CheckRef.Kind.LOOKUP_TABLE, s));
                }
            }
        }
        for (ZkCircuit.Step step : circuit.steps()) {
            if (step instanceof ZkCircuit.Dense || step instanceof ZkCircuit.MaxPool
                    || step instanceof ZkCircuit.Elementwise || step instanceof ZkCircuit.Table
                    || step instanceof ZkCircuit.Softmax || step instanceof ZkCircuit.MatMul
                    || consumedByRelu(step.output())) {
                checks.add(new CheckRef(CheckRef.Kind.DOMAIN, step.output()));
            }
        }
        checks.add(new CheckRef(CheckRef.Kind.TABLE, 0));
        pairInverses();
        multiplicities = add("multiplicities", Poly.P1, "table", TABLE_VARS, false);
        tableInverse = add("table inverse", Poly.P2, "table", TABLE_VARS, true);
        for (Map.Entry<String, List<Integer>> e : pending.entrySet()) {
            List<Integer> ids = e.getValue();
            Column first = columns.get(ids.get(0));
            Layout layout = first.poly() == Poly.P1 ? p1 : p2;
            int bits = ZkCircuit.log2Ceil(ids.size());
            int block = layout.addBlock(first.vars() + (first.ext() ? 2 : 0) + bits);
            group(first.poly(), 0, block, first.vars(), first.ext(), ids.stream().mapToInt(Integer::intValue).toArray(), bits,
                    -1);
        }
    }

    /** The plan with every check's mask block and one-time masks assigned and P1, P2 packed. */
    static ZkPlan of(ZkCircuit circuit, int batch, boolean inputHidden, boolean weightsHidden, int weightBudget,
                     int inputProofs) {
        ZkPlan plan = new ZkPlan(circuit, batch, inputHidden, weightsHidden, weightBudget, inputProofs);
        int inputUses = 0;
        int weightUses = 0;
        for (int c = 0; c < plan.checks.size(); c++) {
            Check check = ZkChecks.build(plan, c, ZkChecks.Challenges.PLACEHOLDER, PublicTensors.zero(plan));
            List<GroupUse> uses = new ArrayList<>();
            for (int g : plan.groupsRead(check)) {
                Group group = plan.groups.get(g);
                inputUses += group.poly() == Poly.INPUT ? 1 : 0;
                weightUses += group.poly() == Poly.WEIGHTS ? 1 : 0;
                boolean perProof = group.poly() == Poly.P1 || group.poly() == Poly.P2;
                uses.add(new GroupUse(g, perProof ? plan.layout(group).addBlock(2 + group.columnBits()) : -1));
            }
            int maskBlock = plan.p1.addBlock(Layout.maskVars(check.numVariables()));
            plan.checkSlots.add(new CheckSlots(maskBlock, check.numVariables(), check.degree(),
                    CheckVerifier.revealedCount(check), uses));
        }
        if ((inputHidden && inputUses != inputSlotsPerProof()) || (weightsHidden && weightUses != weightSlotsPerProof(circuit))) {
            throw new IllegalStateException("the checks read the input or weights more often than their slots allow");
        }
        plan.p1.pack();
        plan.p2.pack();
        return plan;
    }

    /** The groups of a check's hidden operands, in order of first appearance. */
    List<Integer> groupsRead(Check check) {
        List<Integer> out = new ArrayList<>();
        for (Operand op : check.operands()) {
            if (op.kind() == Operand.Kind.HIDDEN && !out.contains(column(op.column()).group())) {
                out.add(column(op.column()).group());
            }
        }
        return out;
    }

    /** P_in: the input block (columns low, rows high), then one one-time mask per proof. */
    static Layout inputLayout(ZkCircuit circuit, int batch, int proofs) {
        Layout l = new Layout();
        l.addBlock(circuit.tensor(0).colVars() + circuit.tensor(0).rowVars(batch));
        l.addBlock(2 + ZkCircuit.log2Ceil((long) proofs * inputSlotsPerProof()));
        return l.pack();
    }

    static int inputSlotsPerProof() {
        return 1;
    }

    static int weightSlotsPerProof(ZkCircuit circuit) {
        return 2 * circuit.denseSteps().size();
    }

    /** The block of one-time masks of the input's layout: its last block. */
    static int sigmaArray(Layout staticLayout) {
        return staticLayout.blocks() - 1;
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

    Group groupOf(int column) {
        return groups.get(columns.get(column).group());
    }

    /** The per-proof polynomial layouts (P1, P2) and the input's. */
    Layout layout(Poly poly) {
        return switch (poly) {
            case INPUT -> inputLayout;
            case P1 -> p1;
            case P2 -> p2;
            case WEIGHTS -> throw new IllegalArgumentException("weights have parts: use layout(group)");
        };
    }

    Layout layout(Group g) {
        return g.poly() == Poly.WEIGHTS ? weightLayout.parts.get(g.part()) : layout(g.poly());
    }

    private boolean consumedByRelu(int tensor) {
        for (ZkCircuit.Step s : circuit.steps()) {
            if (s instanceof ZkCircuit.Relu r && r.input() == tensor) {
                return true;
            }
        }
        return false;
    }

    /** A column of a per-proof polynomial, grouped with the other columns of its domain. */
    private int add(String name, Poly poly, String domain, int vars, boolean ext) {
        columns.add(new Column(name, poly, -1, -1, vars, ext));
        int id = columns.size() - 1;
        pending.computeIfAbsent(poly + " " + domain, k -> new ArrayList<>()).add(id);
        return id;
    }

    /** A column alone in a block of a static layout (input, weights). */
    private int single(String name, Poly poly, int part, int block, int weightBlock, int vars) {
        columns.add(new Column(name, poly, -1, -1, vars, false));
        int id = columns.size() - 1;
        group(poly, part, block, vars, false, new int[] {id}, 0, weightBlock);
        return id;
    }

    private void group(Poly poly, int part, int block, int vars, boolean ext, int[] ids, int bits, int weightBlock) {
        groups.add(new Group(poly, part, block, vars, ext, ids, bits, weightBlock));
        for (int j = 0; j < ids.length; j++) {
            Column c = columns.get(ids[j]);
            columns.set(ids[j], new Column(c.name(), poly, groups.size() - 1, j, vars, ext));
        }
    }

    /** A P1 base column over a tensor's domain. */
    private int limbColumn(String name, int tensor) {
        return add(name, Poly.P1, "tensor " + tensor, tensorVars(tensor), false);
    }

    private Lookup lookup(int column, long[] offsets, int tensor) {
        return new Lookup(column, offsets, tensor);
    }

    static final int LOOKUPS_PER_INVERSE = 3;

    /** One inverse column per {@value #LOOKUPS_PER_INVERSE} lookups of a domain (the last one takes the rest). */
    private void pairInverses() {
        Map<Integer, List<Lookup>> byTensor = new LinkedHashMap<>();
        for (Lookup l : lookups) {
            byTensor.computeIfAbsent(l.tensor(), k -> new ArrayList<>()).add(l);
        }
        for (Map.Entry<Integer, List<Lookup>> e : byTensor.entrySet()) {
            List<Lookup> ls = e.getValue();
            for (int i = 0; i < ls.size(); i += LOOKUPS_PER_INVERSE) {
                List<Lookup> pair = ls.subList(i, Math.min(i + LOOKUPS_PER_INVERSE, ls.size()));
                int column = add("inverse of lookups " + i + ".. of tensor " + e.getKey(), Poly.P2, "tensor " + e.getKey(),
                        tensorVars(e.getKey()), true);
                inverses.add(new Inverse(column, e.getKey(), List.copyOf(pair)));
            }
        }
    }

    private void planDense(int s, ZkCircuit.Dense d, int index) {
        int y = d.output();
        int k = circuit.featureVars(d), n = ZkCircuit.log2Ceil(d.out());
        int weights, bias;
        if (weightsHidden) {
            WeightLayout wl = weightLayout;
            weights = single("weights of step " + s, Poly.WEIGHTS, wl.part[2 * index], wl.block[2 * index], 2 * index, k + n);
            bias = single("bias of step " + s, Poly.WEIGHTS, wl.part[2 * index + 1], wl.block[2 * index + 1], 2 * index + 1,
                    n);
        } else {
            columns.add(new Column("public weights of step " + s, null, -1, 2 * s, k + n, false));
            weights = columns.size() - 1;
            columns.add(new Column("public bias of step " + s, null, -1, 2 * s + 1, n, false));
            bias = columns.size() - 1;
        }
        int[] shifts = java.util.Arrays.copyOf(d.shifts(), d.out());
        dense[s] = requantColumns(s, y, weights, bias, shifts, d.excessBits());
    }

    /**
     * The columns of a requantized output y = clamp(t): its two limbs (unless public), the clamp excesses
     * e+ and e- (t = y + e+ - e-), the limbs of r below 2^(shift of its channel) and of e+ + e- below
     * 2^excessBits.
     */
    private DenseColumns requantColumns(int s, int y, int weights, int bias, int[] shifts, int excessBits) {
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            int y0 = limbColumn("output limb 0 of step " + s, y);
            int y1 = limbColumn("output limb 1 of step " + s, y);
            readings[y] = new Reading(new int[] {y0, y1}, new long[] {1, LIMB}, neg(INT16_OFFSET));
            lookups.add(lookup(y0, null, y));
            lookups.add(lookup(y1, null, y));
        }
        int high = limbColumn("clamp excess (high) of step " + s, y);
        int low = limbColumn("clamp excess (low) of step " + s, y);
        int channels = 1 << colVars(y);
        int[] channelShift = new int[channels];
        int[] channelExcess = new int[channels];
        for (int c = 0; c < shifts.length; c++) {
            channelShift[c] = shifts[c];
            channelExcess[c] = excessBits;
        }
        int[] remainder = boundedLimbs("remainder", s, y, channelShift);
        int[] excess = boundedLimbs("excess", s, y, channelExcess);
        return new DenseColumns(weights, bias, high, low, remainder, excess);
    }

    /**
     * A lookup's output is committed as it is (the table's entries are int16), with its own LogUp: its table's
     * multiplicities and table side, and one inverse column over the output's domain, grouped apart from the
     * range lookups' (the two sums are separate claims).
     */
    private void planTable(int s, ZkCircuit.Table t) {
        int y = t.output();
        int values = -1;
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            values = add("looked-up values of step " + s, Poly.P1, "tensor " + y, tensorVars(y), false);
            readings[y] = new Reading(new int[] {values}, new long[] {1}, 0);
        }
        int m = add("table multiplicities of step " + s, Poly.P1, "table of step " + s, ZkCircuit.Table.VARS, false);
        int g = add("table side of step " + s, Poly.P2, "table of step " + s, ZkCircuit.Table.VARS, true);
        int h = add("table inverse of step " + s, Poly.P2, "activation of tensor " + y, tensorVars(y), true);
        tables[s] = new TableColumns(values, m, g, h);
    }

    /**
     * A softmax's output is int16 limbs (unless public); its per-row max and sum form a group over the rows;
     * e is looked up in the step's difference table by the pair (m - x, e) with its own LogUp (as a Lookup
     * step's); r and its gap are limbs below 2^(17 + log d) on real columns, 0 on padded ones.
     */
    private void planSoftmax(int s, ZkCircuit.Softmax x) {
        int y = x.output();
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            int y0 = limbColumn("output limb 0 of step " + s, y);
            int y1 = limbColumn("output limb 1 of step " + s, y);
            readings[y] = new Reading(new int[] {y0, y1}, new long[] {1, LIMB}, neg(INT16_OFFSET));
            lookups.add(lookup(y0, null, y));
            lookups.add(lookup(y1, null, y));
        }
        int max = add("row max of step " + s, Poly.P1, "rows of tensor " + y, rowVars(y), false);
        int sum = add("row sum of step " + s, Poly.P1, "rows of tensor " + y, rowVars(y), false);
        int select = limbColumn("max selector of step " + s, y);
        int exp = limbColumn("exponentials of step " + s, y);
        int[] bits = new int[1 << colVars(y)];
        Arrays.fill(bits, 0, x.rowLength(), x.remainderBits());
        int[] remainder = boundedLimbs("softmax remainder", s, y, bits);
        int[] gap = boundedLimbs("softmax gap", s, y, bits);
        softmax[s] = new SoftmaxColumns(max, sum, select, exp, remainder, gap);
        int m = add("table multiplicities of step " + s, Poly.P1, "table of step " + s, ZkCircuit.Table.VARS, false);
        int g = add("table side of step " + s, Poly.P2, "table of step " + s, ZkCircuit.Table.VARS, true);
        int h = add("table inverse of step " + s, Poly.P2, "activation of tensor " + y, tensorVars(y), true);
        tables[s] = new TableColumns(exp, m, g, h);
    }

    /** The 2^16-row table a Lookup or Softmax step looks up. */
    int[] lookupTable(int step) {
        return switch (circuit.steps().get(step)) {
            case ZkCircuit.Table t -> t.table();
            case ZkCircuit.Softmax x -> x.table();
            default -> throw new IllegalArgumentException("step " + step + " looks up no table");
        };
    }

    /** Whether some step looks up an activation table (the proof then draws zeta). */
    boolean hasTables() {
        for (TableColumns t : tables) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }

    /** A gather's output is committed as it is: copies of int16 values or the int16 fill need no range check. */
    private void planGather(int s, ZkCircuit.Gather g) {
        int y = g.output();
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            int copy = add("gathered values of step " + s, Poly.P1, "tensor " + y, tensorVars(y), false);
            readings[y] = new Reading(new int[] {copy}, new long[] {1}, 0);
        }
    }

    /**
     * Limb columns of a value below 2^(bits[c]) in channel c (padded channels: bits 0, so the value is 0):
     * every limb is looked up, and a limb some channel bounds below 8 bits also as limb + 256 - 2^b.
     */
    private int[] boundedLimbs(String what, int s, int tensor, int[] channelBits) {
        int max = Arrays.stream(channelBits).max().orElse(0);
        int count = Math.max(1, (max + LIMB_BITS - 1) / LIMB_BITS);
        int[] limbs = new int[count];
        for (int l = 0; l < count; l++) {
            limbs[l] = limbColumn(what + " limb " + l + " of step " + s, tensor);
            lookups.add(lookup(limbs[l], null, tensor));
            long[] offsets = new long[channelBits.length];
            boolean bounded = false;
            for (int c = 0; c < channelBits.length; c++) {
                int b = (int) Math.clamp(channelBits[c] - (long) LIMB_BITS * l, 0, LIMB_BITS);
                offsets[c] = LIMB - (1L << b);
                bounded |= b < LIMB_BITS;
            }
            if (bounded) {
                lookups.add(lookup(limbs[l], offsets, tensor));
            }
        }
        return limbs;
    }

    /**
     * The max is committed as it is (no range check: the pool's relations make it one of the window's int16
     * values); each difference d_j = m - x_j is two range-checked limbs, so 0 <= d_j < 2^16.
     */
    private void planPool(int s, ZkCircuit.MaxPool m) {
        int y = m.output();
        int max = -1;
        if (circuit.isOutput(y)) {
            readings[y] = Reading.ofPublic(y);
        } else {
            max = add("max of step " + s, Poly.P1, "tensor " + y, tensorVars(y), false);
            readings[y] = new Reading(new int[] {max}, new long[] {1}, 0);
        }
        int[][] d = new int[m.window().size()][];
        for (int j = 0; j < d.length; j++) {
            d[j] = new int[2];
            for (int l = 0; l < 2; l++) {
                d[j][l] = limbColumn("difference " + j + " limb " + l + " of step " + s, y);
                lookups.add(lookup(d[j][l], null, y));
            }
        }
        pools[s] = new PoolColumns(max, d);
    }

    private void planRelu(int s, ZkCircuit.Relu r) {
        int w0 = limbColumn("relu limb 0 of step " + s, r.input());
        int w1 = limbColumn("relu limb 1 of step " + s, r.input());
        reluLimbs[s] = new int[] {w0, w1};
        lookups.add(lookup(w0, null, r.input()));
        lookups.add(lookup(w1, null, r.input()));
        if (circuit.isOutput(r.output())) {
            readings[r.output()] = Reading.ofPublic(r.output());
            return;
        }
        // z = (y + w0 + 256 w1) / 2
        long half = Goldilocks.inverse(2);
        Reading y = readings[r.input()];
        int[] sources = Arrays.copyOf(y.sources(), y.sources().length + 2);
        long[] coefs = new long[sources.length];
        for (int i = 0; i < y.sources().length; i++) {
            coefs[i] = Goldilocks.mul(half, y.coefficients()[i]);
        }
        sources[sources.length - 2] = w0;
        sources[sources.length - 1] = w1;
        coefs[coefs.length - 2] = half;
        coefs[coefs.length - 1] = Goldilocks.mul(half, LIMB);
        readings[r.output()] = new Reading(sources, coefs, Goldilocks.mul(half, y.constant()));
    }

    static long neg(long v) {
        return Goldilocks.neg(v);
    }
}
