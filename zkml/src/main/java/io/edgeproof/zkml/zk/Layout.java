package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one hidden polynomial is packed: blocks of power-of-two sizes placed by decreasing size at aligned
 * offsets. A block is a group of columns (column index in the high bits), a Libra mask, or an array of
 * one-time masks. Extension values (inverse columns, masks) take 4 base entries with the coordinate in the
 * 2 lowest index bits and are read as e0 + a e1 + a^2 e2 + a^3 e3 (a the generator of Ext3, a^3 = 2): one
 * evaluation, since sum_e a^(e1 + 2 e2) P(e, rest) = kappa P~(w, rest) with kappa = (1 + a)(1 + a^2) and
 * w = (a / (1 + a), a^2 / (1 + a^2)). Builds the weighted claims a hiding opening discharges.
 */
final class Layout {
    static final int MIN_VARIABLES = 2;
    static final Ext3 ALPHA = Ext3.of(0, 1, 0);
    static final Ext3 KAPPA = Ext3.ONE.add(ALPHA).mul(Ext3.ONE.add(ALPHA.square()));
    /** w, interleaved. */
    private static final long[] W = new long[6];

    static {
        ALPHA.mul(Ext3.ONE.add(ALPHA).inverse()).write(W, 0);
        ALPHA.square().mul(Ext3.ONE.add(ALPHA.square()).inverse()).write(W, 1);
    }

    private final List<Integer> blockVars = new ArrayList<>();
    private int[] offsets;
    private int numVariables;

    /** A block of 2^vars base entries; returns its id. */
    int addBlock(int vars) {
        if (offsets != null) {
            throw new IllegalStateException("layout already packed");
        }
        blockVars.add(vars);
        return blockVars.size() - 1;
    }

    int blocks() {
        return blockVars.size();
    }

    Layout pack() {
        int n = blockVars.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> blockVars.get(b).equals(blockVars.get(a)) ? a - b : blockVars.get(b) - blockVars.get(a));
        offsets = new int[n];
        long at = 0;
        for (Integer b : order) {
            offsets[b] = (int) at;
            at += 1L << blockVars.get(b);
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

    /** The committed table: each block at its offset, zeros elsewhere. */
    long[] assemble(long[][] blocks) {
        if (blocks.length != blockVars.size()) {
            throw new IllegalArgumentException("one table per block");
        }
        long[] table = new long[1 << numVariables];
        for (int b = 0; b < blocks.length; b++) {
            if (blocks[b].length != 1 << blockVars.get(b)) {
                throw new IllegalArgumentException("block " + b + " has " + blocks[b].length + " entries, expected 2^"
                        + blockVars.get(b));
            }
            System.arraycopy(blocks[b], 0, table, offsets[b], blocks[b].length);
        }
        return table;
    }

    /** Extension element {@code i} of a block of 4-entry values. */
    static Ext3 element(long[] block, int i) {
        return Ext3.of(block[4 * i], block[4 * i + 1], block[4 * i + 2]).add(Ext3.ofBase(Goldilocks.dbl(block[4 * i + 3])));
    }

    /** An extension table (interleaved) as 4 base entries per element. */
    static long[] extBlock(long[] interleaved) {
        int n = interleaved.length / 3;
        long[] out = new long[4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(interleaved, 3 * i, out, 4 * i, 3);
        }
        return out;
    }

    /** The point on the whole polynomial of a point over a block's variables (extension blocks: without w). */
    long[] embed(int block, boolean ext, long[] point) {
        return embed(ext ? withCoordinates(point) : point, offsets[block], numVariables);
    }

    /** (point, bits of offset above it): a block at {@code offset} of a polynomial of {@code polyVars} variables. */
    static long[] embed(long[] point, int offset, int polyVars) {
        int vars = point.length / 3;
        long[] full = Arrays.copyOf(point, 3 * polyVars);
        for (int i = vars; i < polyVars; i++) {
            full[3 * i] = (offset >>> i) & 1;
        }
        return full;
    }

    static long[] concat(long[] low, long[] high) {
        long[] out = Arrays.copyOf(low, low.length + high.length);
        System.arraycopy(high, 0, out, low.length, high.length);
        return out;
    }

    /** A block of {@code count} uniform one-time masks (4 entries each) and zeros up to 2^vars entries. */
    static long[] masks(java.security.SecureRandom random, int count, int vars) {
        long[] block = new long[1 << vars];
        for (int i = 0; i < 4 * count; i++) {
            long v;
            do {
                v = random.nextLong(); // rejection sampling: exactly uniform
            } while (!Goldilocks.isCanonical(v));
            block[i] = v;
        }
        return block;
    }

    static long[] withCoordinates(long[] point) {
        long[] out = new long[point.length + 6];
        System.arraycopy(W, 0, out, 0, 6);
        System.arraycopy(point, 0, out, 6, point.length);
        return out;
    }

    static long[] bits(int value, int vars) {
        long[] p = new long[3 * vars];
        for (int k = 0; k < vars; k++) {
            p[3 * k] = (value >>> k) & 1;
        }
        return p;
    }

    /**
     * The masked value v = (1 - c) C(z) + c S(s) of a column block C (or a group's combination, the column
     * bits of z holding the combination point) and a block S of one-time masks read at s.
     */
    WeightedClaim masked(int columnBlock, boolean ext, long[] z, int sigmaBlock, long[] s, Ext3 c, Ext3 value) {
        Ext3 oneMinusC = Ext3.ONE.sub(c);
        return new WeightedClaim(List.of(embed(columnBlock, ext, z), embed(sigmaBlock, true, s)),
                new Ext3[] {ext ? oneMinusC.mul(KAPPA) : oneMinusC, c.mul(KAPPA)}, new Ext3[] {value});
    }

    /** Bits of a Libra mask block's power index: degrees up to 7. */
    static final int POWER_BITS = 3;

    /** Variables of a Libra mask block for n variables: (coordinate, power, variable). */
    static int maskVars(int numVars) {
        return 2 + POWER_BITS + ZkCircuit.log2Ceil(numVars);
    }

    /** A Libra mask's block: coordinate c of the coefficient of x_i^e at element (e, i); a_0 at e = i = 0. */
    static long[] maskTable(MaskPolynomial mask) {
        int n = mask.numVariables(), d = mask.degree();
        if (d >= 1 << POWER_BITS) {
            throw new IllegalArgumentException("mask blocks hold degree < " + (1 << POWER_BITS));
        }
        long[] t = new long[1 << maskVars(n)];
        write(t, 0, mask.constant());
        long[] c = mask.coefficients();
        for (int i = 0; i < n; i++) {
            for (int e = 1; e <= d; e++) {
                write(t, e | (i << POWER_BITS), Ext3.read(c, i * d + e - 1));
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
     * g(r) = sum_i sum_{e < 8} T(e, i) r_i^e = value for the mask in {@code block}: per variable one point,
     * since sum_e r^e T(e) = (1 + r)(1 + r^2)(1 + r^4) T~(r / (1 + r), r^2 / (1 + r^2), r^4 / (1 + r^4)); the
     * eight boolean points of e when one of those factors vanishes.
     */
    WeightedClaim maskClaim(int block, int numVars, long[] r, Ext3 value) {
        int iBits = ZkCircuit.log2Ceil(numVars);
        List<long[]> points = new ArrayList<>();
        List<Ext3> weights = new ArrayList<>();
        for (int i = 0; i < numVars; i++) {
            Ext3 ri = Ext3.read(r, i);
            long[] index = bits(i, iBits);
            long[] p = new long[3 * POWER_BITS + index.length];
            System.arraycopy(index, 0, p, 3 * POWER_BITS, index.length);
            Ext3 factor = Ext3.ONE;
            Ext3 power = ri;
            boolean degenerate = false;
            for (int k = 0; k < POWER_BITS; k++) {
                Ext3 onePlus = Ext3.ONE.add(power);
                degenerate |= onePlus.isZero();
                if (!degenerate) {
                    power.mul(onePlus.inverse()).write(p, k);
                    factor = factor.mul(onePlus);
                }
                power = power.square();
            }
            if (!degenerate) {
                points.add(embed(block, true, p));
                weights.add(KAPPA.mul(factor));
                continue;
            }
            Ext3 w = KAPPA;
            for (int e = 0; e < 1 << POWER_BITS; e++) {
                long[] q = Arrays.copyOf(bits(e, POWER_BITS), 3 * POWER_BITS + index.length);
                System.arraycopy(index, 0, q, 3 * POWER_BITS, index.length);
                points.add(embed(block, true, q));
                weights.add(w);
                w = w.mul(ri);
            }
        }
        return new WeightedClaim(points, weights.toArray(new Ext3[0]), new Ext3[] {value});
    }

    /**
     * sum over the first {@code columns[i]} columns (each of {@code elementVars[i]} extension elements) of
     * block i, times signs[i], is zero: per block one point per power of two in its column count, at 1/2
     * on the summed bits (sum_{x in {0,1}^d} f(x) = 2^d f~(1/2, ..., 1/2)). The LogUp sum: reveals nothing.
     */
    WeightedClaim zeroSum(int[] blocks, int[] elementVars, int[] columns, long[] signs) {
        long half = Goldilocks.inverse(2);
        List<long[]> points = new ArrayList<>();
        List<Ext3> weights = new ArrayList<>();
        for (int i = 0; i < blocks.length; i++) {
            int columnBits = blockVars.get(blocks[i]) - 2 - elementVars[i];
            int start = 0;
            for (int bit = columnBits; bit >= 0; bit--) {
                if ((columns[i] & (1 << bit)) == 0) {
                    continue;
                }
                // columns [start, start + 2^bit): the low bit column bits free, the rest fixed to start's
                int free = elementVars[i] + bit;
                long[] p = new long[3 * (elementVars[i] + columnBits)];
                for (int k = 0; k < elementVars[i] + columnBits; k++) {
                    p[3 * k] = k < free ? half : (start >>> (k - elementVars[i])) & 1;
                }
                points.add(embed(blocks[i], true, p));
                weights.add(KAPPA.mulBase(Goldilocks.mul(signs[i], Goldilocks.pow(2, free))));
                start += 1 << bit;
            }
        }
        return new WeightedClaim(points, weights.toArray(new Ext3[0]), new Ext3[] {Ext3.ZERO});
    }
}
