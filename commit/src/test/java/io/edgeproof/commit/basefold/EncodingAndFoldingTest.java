package io.edgeproof.commit.basefold;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.poly.Multilinear;
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

    @Test
    void foldingTheCodewordEncodesTheTableWithTheLowestVariableFixed() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int rounds = 1; rounds <= 4; rounds++) {
            long[] table = BasefoldTestSupport.randomTable(7, rnd);
            Ext3[] r = new Ext3[rounds];
            long[] fixed = Multilinear.fixFirstVariable(table, r[0] = randomExt(rnd));
            for (int i = 1; i < rounds; i++) {
                fixed = Multilinear.fixFirstVariableExt(fixed, r[i] = randomExt(rnd));
            }
            long[] folded = CodewordFolding.foldRounds(Encoding.encode(table, 2), true, r);
            assertThat(folded).as("%d rounds from base", rounds).isEqualTo(encodeExt(fixed, 2));
            // and from an extension codeword
            Ext3 s = randomExt(rnd);
            long[] scaled = Ext3Vec.allocate(table.length);
            for (int i = 0; i < table.length; i++) {
                s.mulBase(table[i]).write(scaled, i);
            }
            long[] foldedExt = CodewordFolding.foldRounds(encodeExt(scaled, 1), false, r);
            long[] fixedExt = Multilinear.fixFirstVariableExt(scaled, r[0]);
            for (int i = 1; i < rounds; i++) {
                fixedExt = Multilinear.fixFirstVariableExt(fixedExt, r[i]);
            }
            assertThat(foldedExt).as("%d rounds from extension", rounds).isEqualTo(encodeExt(fixedExt, 1));
        }
    }

    @Test
    void verifierPairFoldMatchesTheProverKernel() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] table = BasefoldTestSupport.randomTable(4, rnd);
        long[] cw = Encoding.encode(table, 1);
        Ext3 r = randomExt(rnd);
        long[] folded = CodewordFolding.foldRounds(cw, true, new Ext3[] {r});
        int b = 5;
        for (int j = 0; j < cw.length / 2; j++) {
            Ext3 v = CodewordFolding.foldPair(Ext3.ofBase(cw[2 * j]), Ext3.ofBase(cw[2 * j + 1]),
                    CodewordFolding.pairPointInverse(b, j), r);
            assertThat(v).isEqualTo(Ext3.read(folded, j));
        }
    }

    @Test
    void eqSumcheckRoundsMatchANaiveSum() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 6;
        long[] table = BasefoldTestSupport.randomTable(n, rnd);
        List<long[]> points = List.of(BasefoldTestSupport.randomPoint(n, rnd), BasefoldTestSupport.randomPoint(n, rnd));
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
