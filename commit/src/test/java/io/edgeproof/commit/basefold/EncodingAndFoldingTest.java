package io.edgeproof.commit.basefold;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.commit.poly.SplitEq;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Ntt;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The codeword conventions Basefold relies on, checked against Multilinear directly. */
class EncodingAndFoldingTest {
    private static Ext3 randomExt(SplittableRandom rnd) {
        return Ext3.of(Goldilocks.reduce64(rnd.nextLong()), Goldilocks.reduce64(rnd.nextLong()),
                Goldilocks.reduce64(rnd.nextLong()));
    }

    /** RS encoding of an extension table: Moebius per coordinate, then one LDE per coordinate. */
    private static long[] encodeExt(long[] table, int logBlowup) {
        int size = table.length / 3;
        long[] coeffs = table.clone();
        Encoding.moebiusExt(coeffs);
        long[] out = new long[3 * size << logBlowup];
        for (int c = 0; c < 3; c++) {
            long[] part = new long[size];
            for (int i = 0; i < size; i++) {
                part[i] = coeffs[3 * i + c];
            }
            long[] lde = Ntt.ofLog(Integer.numberOfTrailingZeros(size)).lowDegreeExtension(part, logBlowup);
            for (int i = 0; i < lde.length; i++) {
                out[3 * i + c] = lde[i];
            }
        }
        return out;
    }

    @Test
    void moebiusCoefficientsEvaluateToTheMultilinearExtension() {
        SplittableRandom rnd = new SplittableRandom(1);
        long[] table = BasefoldTestSupport.randomTable(5, rnd);
        long[] coeffs = table.clone();
        Encoding.moebius(coeffs);
        long[] point = BasefoldTestSupport.randomPoint(5, rnd);
        // f(r) = sum_S c_S prod_{i in S} r_i
        Ext3 acc = Ext3.ZERO;
        for (int s = 0; s < coeffs.length; s++) {
            Ext3 term = Ext3.ofBase(coeffs[s]);
            for (int i = 0; i < 5; i++) {
                if ((s >>> i & 1) != 0) {
                    term = term.mul(Ext3.read(point, i));
                }
            }
            acc = acc.add(term);
        }
        assertThat(acc).isEqualTo(Multilinear.evaluate(table, point));
        long[] back = Ext3Vec.fromBase(coeffs);
        Encoding.zetaExt(back);
        assertThat(back).isEqualTo(Ext3Vec.fromBase(table));
    }

    /** One verifier fold of every pair of an interleaved extension codeword. */
    private static long[] foldAllPairs(long[] cw, Ext3 r) {
        int length = cw.length / 3;
        int b = Integer.numberOfTrailingZeros(length);
        long[] out = Ext3Vec.allocate(length / 2);
        for (int j = 0; j < length / 2; j++) {
            CodewordFolding.foldPair(Ext3.read(cw, 2 * j), Ext3.read(cw, 2 * j + 1),
                    CodewordFolding.pairPointInverse(b, j), r).write(out, j);
        }
        return out;
    }

    @Test
    void extensionEncodingIsTheEncodingOfEachCoordinate() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 4, 7}) {
            long[] table = Ext3Vec.allocate(1 << n);
            for (int i = 0; i < table.length; i++) {
                table[i] = Goldilocks.reduce64(rnd.nextLong());
            }
            assertThat(Encoding.encodeExt(table, 2)).as("n = %d", n).isEqualTo(encodeExt(table, 2));
        }
    }

    /** The prover commits layers as re-encodings of the folded table: the verifier's folds must agree. */
    @Test
    void foldingTheCodewordEncodesTheTableWithTheLowestVariableFixed() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int logBlowup = 1; logBlowup <= 2; logBlowup++) {
            long[] table = BasefoldTestSupport.randomTable(7, rnd);
            long[] cw = Ext3Vec.fromBase(Encoding.encode(table, logBlowup));
            long[] fixed = Ext3Vec.fromBase(table);
            for (int round = 1; round <= 4; round++) {
                Ext3 r = randomExt(rnd);
                cw = foldAllPairs(cw, r);
                fixed = Multilinear.fixFirstVariableExt(fixed, r);
                assertThat(cw).as("blowup 2^%d, %d rounds", logBlowup, round).isEqualTo(encodeExt(fixed, logBlowup));
            }
        }
    }

    @Test
    void splitEqMatchesTheEqTableWhileHalving() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int m : new int[] {0, 1, 2, 5}) {
            long[] z = BasefoldTestSupport.randomPoint(m, rnd);
            SplitEq split = SplitEq.of(z, 0, m);
            for (int k = 0; k <= m; k++) {
                long[] full = Multilinear.eqTable(OpeningStatement.slice(z, k, m));
                long[] at = new long[full.length];
                for (int t = 0; t < full.length / 3; t++) {
                    split.at(t, at, 3 * t);
                }
                assertThat(split.size()).isEqualTo(full.length / 3);
                assertThat(at).as("m = %d after %d halvings", m, k).isEqualTo(full);
                if (k < m) {
                    split = split.halve();
                }
            }
        }
    }

    @Test
    void eqSumcheckRoundsMatchANaiveSum() {
        SplittableRandom rnd = new SplittableRandom(4);
        eqSumcheckMatchesANaiveSum(rnd, BasefoldTestSupport.randomPoint(6, rnd), BasefoldTestSupport.randomPoint(6, rnd));
    }

    @Test
    void eqSumcheckOverBlockPointsMatchesANaiveSum() {
        // last coordinates boolean: claims on blocks of a larger polynomial, whose eq vanishes off the block
        SplittableRandom rnd = new SplittableRandom(5);
        long[] twoFixed = BasefoldTestSupport.randomPoint(6, rnd);
        Ext3.ONE.write(twoFixed, 4);
        Ext3.ZERO.write(twoFixed, 5);
        long[] allButOneFixed = BasefoldTestSupport.randomPoint(6, rnd);
        for (int k = 1; k < 6; k++) {
            (k % 2 == 0 ? Ext3.ONE : Ext3.ZERO).write(allButOneFixed, k);
        }
        eqSumcheckMatchesANaiveSum(rnd, twoFixed, allButOneFixed);
        eqSumcheckMatchesANaiveSum(rnd, new long[3 * 6], allButOneFixed);
    }

    private static void eqSumcheckMatchesANaiveSum(SplittableRandom rnd, long[] z1, long[] z2) {
        int n = 6;
        long[] table = BasefoldTestSupport.randomTable(n, rnd);
        List<long[]> points = List.of(z1, z2);
        Ext3[] coeffs = {randomExt(rnd), randomExt(rnd)};
        EqSumcheckProver prover = new EqSumcheckProver(table, true, points, coeffs);
        long[] bound = new long[0];
        for (int round = 0; round < n; round++) {
            long[] h = prover.roundValues();
            for (int x = 0; x <= 2; x++) {
                // h(x) = sum over the remaining hypercube of f(bound, x, rest) W(bound, x, rest)
                Ext3 expected = Ext3.ZERO;
                int rest = n - round - 1;
                for (int b = 0; b < (1 << rest); b++) {
                    long[] pt = new long[3 * n];
                    System.arraycopy(bound, 0, pt, 0, bound.length);
                    Ext3.ofBase(x).write(pt, round);
                    for (int i = 0; i < rest; i++) {
                        Ext3.ofBase(b >>> i & 1).write(pt, round + 1 + i);
                    }
                    Ext3 w = coeffs[0].mul(Multilinear.eq(points.get(0), pt)).add(coeffs[1].mul(Multilinear.eq(points.get(1), pt)));
                    expected = expected.add(Multilinear.evaluate(table, pt).mul(w));
                }
                assertThat(Ext3.read(h, x)).as("round %d, h(%d)", round, x).isEqualTo(expected);
            }
            Ext3 r = randomExt(rnd);
            prover.bind(r);
            long[] next = new long[bound.length + 3];
            System.arraycopy(bound, 0, next, 0, bound.length);
            r.write(next, round);
            bound = next;
        }
        assertThat(Ext3.read(prover.table(), 0)).isEqualTo(Multilinear.evaluate(table, bound));
    }
}
