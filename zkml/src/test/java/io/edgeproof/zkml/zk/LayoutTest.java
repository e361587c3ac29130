package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The weighted claims a layout builds are exactly the values the protocol reveals (evaluated on the table). */
class LayoutTest {
    private static Ext3 evaluate(WeightedClaim claim, long[] table) {
        Ext3 sum = Ext3.ZERO;
        for (int j = 0; j < claim.points().size(); j++) {
            sum = sum.add(claim.weights()[j].mul(Multilinear.evaluate(table, claim.points().get(j))));
        }
        return sum;
    }

    private static long[] random(SplittableRandom rnd, int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return t;
    }

    private static long[] point(SplittableRandom rnd, int vars) {
        return random(rnd, 3 * vars);
    }

    @Test
    void maskedGroupClaimIsTheBatchedMaskedValues() {
        SplittableRandom rnd = new SplittableRandom(1);
        Layout l = new Layout();
        int group = l.addBlock(5 + 2); // 3 columns of 2^5 base entries (4 with padding)
        int sigmas = l.addBlock(2 + 2);
        l.addBlock(6);
        l.pack();
        long[] columns = new long[1 << 7];
        System.arraycopy(random(rnd, 3 << 5), 0, columns, 0, 3 << 5);
        long[] masks = Layout.masks(ZkFixtures.random(2), 3, 4);
        long[] table = l.assemble(new long[][] {columns, masks, random(rnd, 1 << 6)});
        long[] z = point(rnd, 5);
        long[] gamma = point(rnd, 2);
        Ext3 c = Ext3.read(point(rnd, 1), 0);
        long[] eq = Multilinear.eqTable(gamma);
        Ext3 value = Ext3.ZERO;
        for (int j = 0; j < 3; j++) {
            Ext3 col = Multilinear.evaluate(java.util.Arrays.copyOfRange(columns, j << 5, (j + 1) << 5), z);
            Ext3 v = Ext3.ONE.sub(c).mul(col).add(c.mul(Layout.element(masks, j)));
            value = value.add(Ext3.read(eq, j).mul(v));
        }
        WeightedClaim claim = l.masked(group, false, Layout.concat(z, gamma), sigmas, gamma, c, value);
        assertThat(evaluate(claim, table)).isEqualTo(value);
    }

    @Test
    void extensionColumnsReadTheirFourEntriesAsOneValue() {
        SplittableRandom rnd = new SplittableRandom(3);
        Layout l = new Layout();
        int block = l.addBlock(3 + 2);
        int sigmas = l.addBlock(2);
        l.pack();
        long[] ext = random(rnd, 3 << 3);
        long[] masks = Layout.masks(ZkFixtures.random(4), 1, 2);
        long[] table = l.assemble(new long[][] {Layout.extBlock(ext), masks});
        long[] z = point(rnd, 3);
        Ext3 c = Ext3.read(point(rnd, 1), 0);
        Ext3 v = Ext3.ONE.sub(c).mul(Multilinear.evaluateExt(ext, z)).add(c.mul(Layout.element(masks, 0)));
        assertThat(evaluate(l.masked(block, true, z, sigmas, new long[0], c, v), table)).isEqualTo(v);
    }

    @Test
    void maskClaimIsTheLibraMaskValueIncludingDegeneratePoints() {
        MaskPolynomial mask = MaskPolynomial.random(5, 3, ZkFixtures.random(5));
        Layout l = new Layout();
        int block = l.addBlock(Layout.maskVars(5));
        l.pack();
        long[] table = l.assemble(new long[][] {Layout.maskTable(mask)});
        SplittableRandom rnd = new SplittableRandom(6);
        long[] r = point(rnd, 5);
        Ext3.ONE.neg().write(r, 2); // 1 + r = 0: the eight-point fallback
        Ext3 g = mask.evaluate(r);
        assertThat(evaluate(l.maskClaim(block, 5, r, g), table)).isEqualTo(g);
    }

    @Test
    void zeroSumCoversTheRealColumnsOnly() {
        SplittableRandom rnd = new SplittableRandom(7);
        Layout l = new Layout();
        int inverses = l.addBlock(2 + 2 + 3); // 5 real extension columns of 4 elements, 3 padding
        int table = l.addBlock(2 + 2);
        l.pack();
        long[] cols = new long[3 * 4 * 8];
        System.arraycopy(random(rnd, 3 * 4 * 5), 0, cols, 0, 3 * 4 * 5);
        System.arraycopy(random(rnd, 3 * 4 * 3), 0, cols, 3 * 4 * 5, 3 * 4 * 3); // garbage in padding columns
        Ext3 total = Ext3.ZERO;
        for (int i = 0; i < 4 * 5; i++) {
            total = total.add(Ext3.read(cols, i));
        }
        long[] side = new long[3 * 4];
        total.write(side, 0); // the table side holds the whole sum in one element
        long[] poly = l.assemble(new long[][] {Layout.extBlock(cols), Layout.extBlock(side)});
        WeightedClaim zero = l.zeroSum(new int[] {inverses, table}, new int[] {2, 2}, new int[] {5, 1},
                new long[] {1, Goldilocks.neg(1)});
        assertThat(evaluate(zero, poly)).isEqualTo(Ext3.ZERO);
        side[0] = Goldilocks.add(side[0], 1);
        poly = l.assemble(new long[][] {Layout.extBlock(cols), Layout.extBlock(side)});
        assertThat(evaluate(zero, poly)).isNotEqualTo(Ext3.ZERO);
    }
}
