package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one hidden polynomial is packed: blocks of power-of-two sizes (columns; an extension-valued element
 * takes 4 base entries with its coordinate in the 2 lowest index bits), placed by decreasing size at aligned
 * offsets, then the slot region: 4 base entries (s0, s1, s2, s3) per one-time mask, read as
 * sigma = s0 + a s1 + a^2 s2 + a^3 s3 (a^3 = 2). Builds the weighted claims a hiding opening discharges.
 *
 * <p>Reading 4 entries with weights a^(e1 + 2 e2) is one evaluation: sum_e a^(e1 + 2 e2) P(e, rest) =
 * kappa P~(w, rest) with kappa = (1 + a)(1 + a^2) and w = (a / (1 + a), a^2 / (1 + a^2)).
 */
final class Layout {
    /** Smallest hidden polynomial: a slot point needs two coordinate variables. */
    static final int MIN_VARIABLES = 2;
    static final Ext3 ALPHA = Ext3.of(0, 1, 0);
    static final Ext3 KAPPA = Ext3.ONE.add(ALPHA).mul(Ext3.ONE.add(ALPHA.square()));
    /** w = (a / (1 + a), a^2 / (1 + a^2)), interleaved. */
    private static final long[] W = new long[6];

    static {
        ALPHA.mul(Ext3.ONE.add(ALPHA).inverse()).write(W, 0);
        ALPHA.square().mul(Ext3.ONE.add(ALPHA.square()).inverse()).write(W, 1);
    }

    private final List<Integer> blockVars = new ArrayList<>();
    private int slots;
    private int[] offsets;
    private int slotOffset;
    private int numVariables;

    /** A block of 2^vars base entries; returns its id. */
    int addBlock(int vars) {
        if (offsets != null) {
            throw new IllegalStateException("layout already packed");
        }
        blockVars.add(vars);
        return blockVars.size() - 1;
    }

    /** Reserves {@code count} slots; returns the first. */
    int addSlots(int count) {
        if (offsets != null) {
            throw new IllegalStateException("layout already packed");
        }
        slots += count;
        return slots - count;
    }

    int slots() {
        return slots;
    }

    /** Packs the blocks and the slot region (fixed from now on). */
    Layout pack() {
        int n = blockVars.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> blockVars.get(b) - blockVars.get(a) != 0 ? blockVars.get(b) - blockVars.get(a) : a - b);
        int slotVars = ZkCircuit.log2Ceil(4L * Math.max(1, slots));
        offsets = new int[n];
        long at = 0;
        boolean slotsPlaced = false;
        for (Integer b : order) {
            if (!slotsPlaced && slotVars > blockVars.get(b)) {
                slotOffset = (int) at;
                at += 1L << slotVars;
                slotsPlaced = true;
            }
            offsets[b] = (int) at;
            at += 1L << blockVars.get(b);
        }
        if (!slotsPlaced) {
            slotOffset = (int) at;
            at += 1L << slotVars;
        }
        numVariables = Math.max(MIN_VARIABLES, ZkCircuit.log2Ceil(at));
        if (numVariables > io.edgeproof.commit.basefold.BasefoldParams.MAX_VARIABLES) {
            throw new IllegalArgumentException("a hidden polynomial of 2^" + numVariables + " entries is too large");
        }
        return this;
    }

    int numVariables() {
        return numVariables;
    }

    int blockVars(int block) {
        return blockVars.get(block);
    }

    int offset(int block) {
        return offsets[block];
    }

    /** The committed table: each block at its offset, the slot entries in the slot region, zeros elsewhere. */
    long[] assemble(long[][] blocks, long[] slotEntries) {
        if (blocks.length != blockVars.size() || slotEntries.length != 4 * slots) {
            throw new IllegalArgumentException("one table per block and 4 entries per slot");
        }
        long[] table = new long[1 << numVariables];
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b].length != 1 << blockVars.get(b)) {
                throw new IllegalArgumentException("block " + b + " has " + blocks[b].length + " entries, expected 2^"
                        + blockVars.get(b));
            }
            System.arraycopy(blocks[b], 0, table, offsets[b], blocks[b].length);
        }
        System.arraycopy(slotEntries, 0, table, slotOffset, slotEntries.length);
        return table;
    }

    /** The sigma a slot's 4 entries encode. */
    static Ext3 sigma(long[] slotEntries, int slot) {
        return Ext3.of(slotEntries[4 * slot], slotEntries[4 * slot + 1], slotEntries[4 * slot + 2])
                .add(Ext3.ofBase(Goldilocks.dbl(slotEntries[4 * slot + 3])));
    }

    /** An extension table (interleaved) as a block of 4 base entries per element. */
    static long[] extBlock(long[] interleaved) {
        int n = interleaved.length / 3;
        long[] out = new long[4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(interleaved, 3 * i, out, 4 * i, 3);
        }
        return out;
    }

    /** The point on the whole polynomial of a point on a block (the block's own variables). */
    long[] embed(int block, long[] blockPoint) {
        return embed(blockPoint, offsets[block], numVariables);
    }

    static long[] embed(long[] blockPoint, int offset, int polyVars) {
        int vars = blockPoint.length / 3;
        long[] full = Arrays.copyOf(blockPoint, 3 * polyVars);
        for (int i = vars; i < polyVars; i++) {
            full[3 * i] = (offset >>> i) & 1;
        }
        return full;
    }

    /** (w, point): the 4-entry coordinate read prepended to an element point. */
    static long[] withCoordinates(long[] point) {
        long[] out = new long[point.length + 6];
        System.arraycopy(W, 0, out, 0, 6);
        System.arraycopy(point, 0, out, 6, point.length);
        return out;
    }

    private long[] slotPoint(int slot) {
        int regionVars = ZkCircuit.log2Ceil(4L * Math.max(1, slots));
        long[] p = new long[3 * (regionVars - 2)];
        for (int i = 0; i < regionVars - 2; i++) {
            p[3 * i] = (slot >>> i) & 1;
        }
        return embed(withCoordinates(p), slotOffset, numVariables);
    }

    /**
     * v = f*(z, c) = (1 - c) f(z) + c sigma_slot as a claim on this polynomial: f in {@code block} (extension-valued
     * if {@code ext}), z a point over the column's element variables.
     */
    WeightedClaim maskedValue(int block, boolean ext, long[] z, Ext3 c, int slot, Ext3 value) {
        if (slot < 0 || slot >= slots) {
            throw new IllegalArgumentException("slot " + slot + " outside [0, " + slots + ")");
        }
        Ext3 oneMinusC = Ext3.ONE.sub(c);
        long[] at = embed(block, ext ? withCoordinates(z) : z);
        return new WeightedClaim(List.of(at, slotPoint(slot)),
                new Ext3[] {ext ? oneMinusC.mul(KAPPA) : oneMinusC, c.mul(KAPPA)}, new Ext3[] {value});
    }

    /**
     * g(r) = value for a Libra mask stored in {@code block} ({@link #maskTable}): one point per coefficient,
     * weight kappa r_i^e.
     */
    WeightedClaim maskClaim(int block, int numVars, int degree, long[] r, Ext3 value) {
        int eBits = ZkCircuit.log2Ceil(degree + 1);
        List<long[]> points = new ArrayList<>();
        List<Ext3> weights = new ArrayList<>();
        points.add(embed(block, withCoordinates(new long[3 * (blockVars.get(block) - 2)])));
        weights.add(KAPPA);
        for (int i = 0; i < numVars; i++) {
            Ext3 ri = Ext3.read(r, i);
            Ext3 power = KAPPA;
            for (int e = 1; e <= degree; e++) {
                power = power.mul(ri);
                points.add(embed(block, withCoordinates(bits(e | (i << eBits), blockVars.get(block) - 2))));
                weights.add(power);
            }
        }
        return new WeightedClaim(points, weights.toArray(new Ext3[0]), new Ext3[] {value});
    }

    /** Variables of a Libra mask block for n variables and degree d. */
    static int maskVars(int numVars, int degree) {
        return 2 + ZkCircuit.log2Ceil(degree + 1) + ZkCircuit.log2Ceil(numVars);
    }

    /** A Libra mask's block: coordinate c of the coefficient of x_i^e at (c, e, i); a_0 at e = i = 0. */
    static long[] maskTable(io.edgeproof.iop.sumcheck.MaskPolynomial mask) {
        int n = mask.numVariables(), d = mask.degree();
        int eBits = ZkCircuit.log2Ceil(d + 1);
        long[] t = new long[1 << maskVars(n, d)];
        write(t, 0, mask.constant());
        long[] c = mask.coefficients();
        for (int i = 0; i < n; i++) {
            for (int e = 1; e <= d; e++) {
                write(t, e | (i << eBits), Ext3.read(c, i * d + e - 1));
            }
        }
        return t;
    }

    private static void write(long[] t, int element, Ext3 v) {
        t[4 * element] = v.c0();
        t[4 * element + 1] = v.c1();
        t[4 * element + 2] = v.c2();
    }

    /**
     * sum over the elements of the given extension blocks, each with its sign, equals zero: one point per
     * block at (w, 1/2, ..., 1/2), weight sign kappa 2^vars (the LogUp sum, revealing nothing).
     */
    WeightedClaim zeroSum(int[] blocks, long[] signs) {
        long half = Goldilocks.inverse(2);
        List<long[]> points = new ArrayList<>();
        Ext3[] weights = new Ext3[blocks.length];
        for (int i = 0; i < blocks.length; i++) {
            int vars = blockVars.get(blocks[i]) - 2;
            long[] mid = new long[3 * vars];
            for (int k = 0; k < vars; k++) {
                mid[3 * k] = half;
            }
            points.add(embed(blocks[i], withCoordinates(mid)));
            weights[i] = KAPPA.mulBase(Goldilocks.mul(signs[i], Goldilocks.pow(2, vars)));
        }
        return new WeightedClaim(points, weights, new Ext3[] {Ext3.ZERO});
    }

    private static long[] bits(int value, int vars) {
        long[] p = new long[3 * vars];
        for (int k = 0; k < vars; k++) {
            p[3 * k] = (value >>> k) & 1;
        }
        return p;
    }
}
