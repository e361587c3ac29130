package io.edgeproof.zkml.proof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The limb region: one committed block holding every range column's limb and companion sub-blocks, the
 * column the range lookup reads. The limbs come first, largest first from offset 0 (so each is aligned and
 * they fill [0, U) without gaps); the range lookup reads them as at most two <em>chunks</em>, 2^a at 0 and
 * 2^b at 2^a, covering [0, U) with a little zero padding (every padded entry is a lookup of 0). The rest of
 * the region, up to the next power of two over U, hosts <em>guests</em>: other committed blocks (the lookup
 * multiplicities, max-pool outputs, ...) placed after the chunks, each aligned, so the lookup never reads
 * them and no selector is needed. Without guests the witness is the region plus the 2^16 multiplicities and
 * the rest, often a power of two more than needed. Sub-blocks: the limbs first (index = limb sub-block),
 * then the guests.
 */
final class LimbRegion {
    final BlockLayout layout;
    final int limbs;
    /** Witness block of each guest, in sub-block order after the limbs. */
    final int[] guests;
    /** Per chunk of the range lookup: its offset in the region and its variables. */
    final int[] chunkOffsets;
    final int[] chunkVars;

    /**
     * Guests are taken, largest first, among {@code candidates} (witness block, variables) while they fit,
     * aligned, between the chunks' end and the smallest power of two that holds the limbs.
     */
    LimbRegion(int[] limbVars, List<int[]> candidates) {
        Integer[] order = new Integer[limbVars.length];
        long used = 0;
        for (int l = 0; l < limbVars.length; l++) {
            order[l] = l;
            used += 1L << limbVars[l];
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer l) -> -limbVars[l]).thenComparingInt(l -> l));
        List<Integer> vars = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        int[] limbOffsets = new int[limbVars.length];
        long offset = 0;
        for (int l : order) {
            limbOffsets[l] = (int) offset;
            offset += 1L << limbVars[l];
        }
        for (int l = 0; l < limbVars.length; l++) {
            vars.add(limbVars[l]);
            offsets.add(limbOffsets[l]);
        }
        int sizeVars = ModelCircuit.log2Ceil(used);
        int a = 63 - Long.numberOfLeadingZeros(used);
        long rest = used - (1L << a);
        if (rest == 0) {
            chunkOffsets = new int[] {0};
            chunkVars = new int[] {a};
        } else if (ModelCircuit.log2Ceil(rest) == a) {
            chunkOffsets = new int[] {0};
            chunkVars = new int[] {a + 1};
        } else {
            chunkOffsets = new int[] {0, 1 << a};
            chunkVars = new int[] {a, ModelCircuit.log2Ceil(rest)};
        }
        long end = (long) chunkOffsets[chunkOffsets.length - 1] + (1L << chunkVars[chunkVars.length - 1]);
        List<int[]> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((int[] c) -> -c[1]).thenComparingInt(c -> c[0]));
        List<Integer> taken = new ArrayList<>();
        for (int[] c : sorted) {
            long size = 1L << c[1];
            long at = (end + size - 1) / size * size;
            if (at + size <= 1L << sizeVars) {
                taken.add(c[0]);
                vars.add(c[1]);
                offsets.add((int) at);
                end = at + size;
            }
        }
        this.limbs = limbVars.length;
        this.guests = taken.stream().mapToInt(Integer::intValue).toArray();
        this.layout = BlockLayout.at(vars.stream().mapToInt(Integer::intValue).toArray(),
                offsets.stream().mapToInt(Integer::intValue).toArray(), sizeVars);
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

    /** The region's entries the range lookup reads, chunk by chunk. */
    long[][] chunks(long[] region) {
        long[][] out = new long[chunkOffsets.length][];
        for (int j = 0; j < out.length; j++) {
            out[j] = java.util.Arrays.copyOfRange(region, chunkOffsets[j], chunkOffsets[j] + (1 << chunkVars[j]));
        }
        return out;
    }
}
