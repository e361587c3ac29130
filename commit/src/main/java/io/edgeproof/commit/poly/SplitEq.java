package io.edgeproof.commit.poly;

import io.edgeproof.field.Ext3;

/**
 * An eq table E(t) = eq(t, z) over m variables kept as two factors, E(t) = LO[t mod 2^l] HI[t >> l], each
 * about 2^(m/2) entries: building it costs ~2^(m/2) products instead of 2^m, and it stays in cache while
 * a sumcheck streams over the polynomial. Summing P(t) E(t) takes the inner sums against LO and one
 * product per block of 2^l by HI.
 *
 * <p>When the last coordinates of z are 0 or 1 (a claim on one block of a larger polynomial, embedded at
 * the block's offset bits), E vanishes exactly outside one aligned sub-cube [supportFrom, supportTo):
 * sums over E only need to run there.
 */
public final class SplitEq {
    /** The low factor, over the first loLog variables (interleaved extension, shared: read it, never write). */
    public final long[] lo;
    /** The high factor, over the other variables (interleaved extension, shared). */
    public final long[] hi;
    public final int loLog;
    /** E(t) = 0 for every t outside [supportFrom, supportTo). */
    public final int supportFrom;
    public final int supportTo;

    private SplitEq(long[] lo, long[] hi, int loLog, int supportFrom, int supportTo) {
        this.lo = lo;
        this.hi = hi;
        this.loLog = loLog;
        this.supportFrom = supportFrom;
        this.supportTo = supportTo;
    }

    /** eq(t, z[from..to)) with t's lowest bit for z_from. */
    public static SplitEq of(long[] z, int from, int to) {
        int mid = from + (to - from) / 2;
        int free = to - from;
        int start = 0;
        while (free > 0 && isBoolean(Ext3.read(z, from + free - 1))) {
            free--;
            start |= (Ext3.read(z, from + free).isZero() ? 0 : 1) << free;
        }
        return new SplitEq(Multilinear.eqTable(z, from, mid), Multilinear.eqTable(z, mid, to), mid - from, start,
                start + (1 << free));
    }

    private static boolean isBoolean(Ext3 c) {
        return c.isZero() || c.equals(Ext3.ONE);
    }

    /** Entries of the whole table (2^m). */
    public int size() {
        return (lo.length / 3) * (hi.length / 3);
    }

    /** The table over the variables after the lowest: E'(t) = E(2t) + E(2t+1), since eq(0, z) + eq(1, z) = 1. */
    public SplitEq halve() {
        if (loLog == 0) {
            // the lowest variable now lives in HI: make it the low factor
            return new SplitEq(hi, new long[] {1, 0, 0}, Integer.numberOfTrailingZeros(hi.length / 3), supportFrom,
                    supportTo).halve();
        }
        long[] next = new long[lo.length / 2];
        for (int t = 0; t < next.length / 3; t++) {
            Ext3.read(lo, 2 * t).add(Ext3.read(lo, 2 * t + 1)).write(next, t);
        }
        // E'(t) = E(2t) + E(2t + 1) vanishes wherever both do
        return new SplitEq(next, hi, loLog - 1, supportFrom >>> 1, ((supportTo - 1) >>> 1) + 1);
    }

    /** E(t) for one index. */
    public void at(int t, long[] out, int o) {
        int l = 3 * (t & ((1 << loLog) - 1));
        int h = 3 * (t >>> loLog);
        out[o] = ExtMath.mul0(lo[l], lo[l + 1], lo[l + 2], hi[h], hi[h + 1], hi[h + 2]);
        out[o + 1] = ExtMath.mul1(lo[l], lo[l + 1], lo[l + 2], hi[h], hi[h + 1], hi[h + 2]);
        out[o + 2] = ExtMath.mul2(lo[l], lo[l + 1], lo[l + 2], hi[h], hi[h + 1], hi[h + 2]);
    }
}
