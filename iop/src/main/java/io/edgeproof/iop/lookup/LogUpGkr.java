package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.iop.gkr.FractionalSumVerifier;
import io.edgeproof.iop.sumcheck.BranchFreeArithmetic;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.transcript.Transcript;
import java.nio.charset.StandardCharsets;

/**
 * LogUp-GKR (Papini and Haboeck, 2023): every row w_i of a witness lies in a table with multiplicities m_j iff
 * <pre>  sum_i 1/(alpha - phi(w_i)) = sum_j m_j/(alpha - phi(t_j)),   phi(row) = sum_c beta^c row_c,</pre>
 * for random alpha, beta. Both sides are fraction sums proved by GKR over binary trees of fractions, so no
 * inverse column is ever committed. This class holds what prover and verifier share: the transcript step
 * that draws the challenges, the row compression phi and the soundness terms.
 *
 * <p>Completeness: if alpha equals phi of some witness or table row, a leaf denominator is zero and the
 * honest prover refuses (the verifier would reject a zero root denominator). That happens with probability
 * at most (N + T) max(1, C - 1)/|F| ~ (N + T) 2^-192: negligible, but stated.
 */
public final class LogUpGkr {
    private LogUpGkr() {}

    /** The challenges of one lookup. */
    record Challenges(Ext3 alpha, Ext3 beta) {}

    /** Binds the lookup's shape (each witness chunk's size) and draws beta (row compression) and alpha. */
    static Challenges bind(Transcript transcript, LookupTable table, int[] witnessChunkVariables) {
        transcript.bytes("logup-table", table.name().getBytes(StandardCharsets.UTF_8));
        transcript.u64("logup-table-variables", table.numVariables());
        transcript.u64("logup-columns", table.numColumns());
        for (int v : witnessChunkVariables) {
            transcript.u64("logup-witness-variables", v);
        }
        Ext3 beta = transcript.challengeExt("logup-beta");
        Ext3 alpha = transcript.challengeExt("logup-alpha");
        return new Challenges(alpha, beta);
    }

    /** alpha - phi(row) for every row of the columns, interleaved; phi(row) = sum_c beta^c row_c. */
    static long[] denominators(Challenges ch, long[][] columns) {
        int n = columns[0].length;
        long[] betaPowers = new long[3 * columns.length];
        Ext3 power = Ext3.ONE;
        for (int c = 0; c < columns.length; c++) {
            power.write(betaPowers, c);
            power = power.mul(ch.beta());
        }
        long a0 = ch.alpha().c0(), a1 = ch.alpha().c1(), a2 = ch.alpha().c2();
        long[] q = new long[3 * n];
        for (int i = 0; i < n; i++) {
            long s0 = columns[0][i], s1 = 0, s2 = 0;
            for (int c = 1; c < columns.length; c++) {
                long v = columns[c][i];
                s0 = BranchFreeArithmetic.add(s0, BranchFreeArithmetic.mul(v, betaPowers[3 * c]));
                s1 = BranchFreeArithmetic.add(s1, BranchFreeArithmetic.mul(v, betaPowers[3 * c + 1]));
                s2 = BranchFreeArithmetic.add(s2, BranchFreeArithmetic.mul(v, betaPowers[3 * c + 2]));
            }
            q[3 * i] = BranchFreeArithmetic.sub(a0, s0);
            q[3 * i + 1] = BranchFreeArithmetic.sub(a1, s1);
            q[3 * i + 2] = BranchFreeArithmetic.sub(a2, s2);
        }
        return q;
    }

    /** alpha - sum_c beta^c values_c for extension values (the verifier's side of {@link #denominators}). */
    static Ext3 denominator(Challenges ch, Ext3[] values) {
        Ext3 phi = Ext3.ZERO;
        Ext3 power = Ext3.ONE;
        for (Ext3 v : values) {
            phi = phi.add(power.mul(v));
            power = power.mul(ch.beta());
        }
        return ch.alpha().sub(phi);
    }

    /** Bits of soundness of a single-column lookup of {@code witnessSize} rows into {@code tableSize} rows. */
    public static double soundnessBits(int witnessSize, int tableSize) {
        return soundnessBits(witnessSize, tableSize, 1);
    }

    public static double soundnessBits(int witnessSize, int tableSize, int numColumns) {
        return soundnessBits(new int[] {paddedVariables(witnessSize)}, tableSize, numColumns);
    }

    /**
     * Bits of soundness of a lookup of witness chunks of 2^v_j rows: -log2 of the sum of the Schwartz-Zippel
     * terms. The LogUp identity, with denominators cleared, is a polynomial in (alpha, beta) of total degree
     * at most (N + T) max(1, C - 1) (N the chunks' rows, T the table size, C the columns) that is nonzero when
     * the lookup is false; plus the batched fractional-sum GKR of the chunks and the table
     * ({@link FractionalSumVerifier#soundnessTerms(int[])}).
     */
    public static double soundnessBits(int[] chunkVariables, int tableSize, int numColumns) {
        int nt = 32 - Integer.numberOfLeadingZeros(Math.max(1, tableSize) - 1);
        double rows = 1L << nt;
        int[] trees = java.util.Arrays.copyOf(chunkVariables, chunkVariables.length + 1);
        trees[chunkVariables.length] = nt;
        for (int v : chunkVariables) {
            rows += 1L << v;
        }
        double terms = rows * Math.max(1, numColumns - 1) + FractionalSumVerifier.soundnessTerms(trees);
        return Ext3.LOG2_ORDER - Math.log(terms) / Math.log(2);
    }

    /** Variables of a witness of {@code size} rows once padded to a power of two (at least one row). */
    public static int paddedVariables(int size) {
        return size <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(size - 1);
    }

    /**
     * A base column's multilinear extension at an extension point, by binding one variable at a time with
     * the sumchecks' parallel branch-free fold (the witness columns are as long as the lookup).
     */
    static Ext3 evaluate(long[] column, long[] point) {
        MultilinearTable table = MultilinearTable.base(column);
        if (Ext3Vec.length(point) != table.numVariables()) {
            throw new IllegalArgumentException("point has " + Ext3Vec.length(point) + " coordinates, column "
                    + table.numVariables() + " variables");
        }
        for (int i = 0; i < Ext3Vec.length(point); i++) {
            table = table.fold(Ext3.read(point, i));
        }
        return table.get(0);
    }

    /** Whether alpha - v is zero for some base value v: only possible when alpha lies in the base field. */
    static boolean hits(Ext3 alpha, long[] values) {
        if (alpha.c1() != 0 || alpha.c2() != 0) {
            return false;
        }
        for (long v : values) {
            if (v == alpha.c0()) {
                return true;
            }
        }
        return false;
    }

    static boolean hasZero(long[] interleaved) {
        for (int i = 0; i < interleaved.length; i += 3) {
            if ((interleaved[i] | interleaved[i + 1] | interleaved[i + 2]) == 0) {
                return true;
            }
        }
        return false;
    }
}
