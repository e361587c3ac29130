package io.edgeproof.zkml.proof;

import io.edgeproof.field.Ext3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The limb region: one committed block holding every range column's limb and companion sub-blocks, the
 * column the range lookup reads. Its padding, up to the next power of two, hosts <em>guests</em>: other
 * committed blocks (the lookup multiplicities, max-pool outputs, ...) that the lookup leaves out through a
 * public selector, 0 on guests and 1 on limbs and padding (zeros, counted like any limb). Without guests the
 * witness is the region plus the 2^16 multiplicities and the rest, often a power of two more than needed.
 * Sub-blocks: the limbs first (index = limb sub-block), then the guests.
 */
final class LimbRegion {
    final BlockLayout layout;
    final int limbs;
    /** Witness block of each guest, in sub-block order after the limbs. */
    final int[] guests;

    /**
     * Guests are taken, largest first, among {@code candidates} (witness block, variables) while they fit the
     * padding of the smallest power of two that holds the limbs.
     */
    LimbRegion(int[] limbVars, List<int[]> candidates) {
        long used = 0;
        for (int v : limbVars) {
            used += 1L << v;
        }
        long size = 1L << ModelCircuit.log2Ceil(used);
        List<int[]> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((int[] c) -> -c[1]).thenComparingInt(c -> c[0]));
        List<Integer> taken = new ArrayList<>();
        List<Integer> vars = new ArrayList<>();
        for (int v : limbVars) {
            vars.add(v);
        }
        for (int[] c : sorted) {
            if (used + (1L << c[1]) <= size) {
                used += 1L << c[1];
                taken.add(c[0]);
                vars.add(c[1]);
            }
        }
        this.limbs = limbVars.length;
        this.guests = taken.stream().mapToInt(Integer::intValue).toArray();
        this.layout = new BlockLayout(vars.stream().mapToInt(Integer::intValue).toArray(), true, 0);
    }

    int vars() {
        return layout.polyVars(0);
    }

    /** The sub-block of a witness block that is a guest, or -1. */
    int guestSubBlock(int block) {
        for (int g = 0; g < guests.length; g++) {
            if (guests[g] == block) {
                return limbs + g;
            }
        }
        return -1;
    }

    /** 1 on limbs and padding, 0 on guests: the rows the range lookup reads. */
    long[] selector() {
        long[] sel = new long[1 << vars()];
        Arrays.fill(sel, 1);
        for (int g = 0; g < guests.length; g++) {
            BlockLayout.Placement p = layout.placement(limbs + g);
            Arrays.fill(sel, p.offset(), p.offset() + (1 << p.vars()), 0);
        }
        return sel;
    }

    /** The selector's multilinear extension: 1 - sum over guests of eq(z's high coordinates, the guest's offset bits). */
    Ext3 selectorAt(long[] z) {
        Ext3 sel = Ext3.ONE;
        for (int g = 0; g < guests.length; g++) {
            BlockLayout.Placement p = layout.placement(limbs + g);
            Ext3 inside = Ext3.ONE;
            for (int i = p.vars(); i < vars(); i++) {
                Ext3 zi = Ext3.read(z, i);
                inside = inside.mul(((p.offset() >>> i) & 1) == 1 ? zi : Ext3.ONE.sub(zi));
            }
            sel = sel.sub(inside);
        }
        return sel;
    }
}
