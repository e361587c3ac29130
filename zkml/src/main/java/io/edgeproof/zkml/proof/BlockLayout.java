package io.edgeproof.zkml.proof;

import io.edgeproof.field.Ext3;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Packs tables of power-of-two sizes ("blocks") into committed polynomials. Blocks are placed in decreasing
 * size, so each sits at an offset aligned to its size and its multilinear extension is the polynomial's
 * with the high variables fixed to the bits of offset / size: a claim on a block at z is a claim on the
 * polynomial at (z, those bits). A new polynomial is started when the next power of two would waste more
 * than a quarter of the space (e.g. four 2^20 weight matrices and a few small ones give 2^22 + 2^14, not
 * 2^23). Polynomials have at least {@code minVars} variables; no blocks, no polynomial. A block given
 * {@link #NOT_PLACED} variables is left out (a virtual block of the witness): it has no placement.
 */
final class BlockLayout {
    static final int MIN_VARIABLES = 10;
    static final int NOT_PLACED = -1;
    /**
     * Up to 2^20 entries a committed set of blocks is one polynomial even when that wastes space: each extra
     * polynomial adds its Merkle paths to every opening query (~25-35 KB), more than the smaller commit and
     * fold save in time.
     */
    static final int SINGLE_POLYNOMIAL_VARS = 20;

    /** Where a block lives: polynomial index, offset in it (a multiple of the block size), block variables. */
    record Placement(int polynomial, int offset, int vars) {}

    private final int[] blockVars;
    private final Placement[] placements;
    private final List<Integer> polyVars = new ArrayList<>();

    /** Packs into as many polynomials as the waste rule asks for, or into exactly one if {@code single}. */
    BlockLayout(int[] blockVars, boolean single, int minVars) {
        this.blockVars = blockVars.clone();
        this.placements = new Placement[blockVars.length];
        Integer[] order = java.util.stream.IntStream.range(0, blockVars.length).filter(b -> blockVars[b] != NOT_PLACED)
                .boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer b) -> -blockVars[b]).thenComparingInt(b -> b));
        int next = 0;
        while (next < order.length) {
            long remaining = 0;
            for (int i = next; i < order.length; i++) {
                remaining += 1L << blockVars[order[i]];
            }
            int vars = ModelCircuit.log2Ceil(remaining);
            if (!single && next + 1 < order.length && (1L << vars) * 3 > remaining * 4
                    && vars - 1 >= blockVars[order[next]]) {
                vars--;
            }
            int poly = polyVars.size();
            long offset = 0;
            while (next < order.length && offset + (1L << blockVars[order[next]]) <= 1L << vars) {
                placements[order[next]] = new Placement(poly, (int) offset, blockVars[order[next]]);
                offset += 1L << blockVars[order[next]];
                next++;
            }
            polyVars.add(Math.max(vars, minVars));
        }
    }

    private BlockLayout(int[] blockVars, Placement[] placements, int polyVars) {
        this.blockVars = blockVars.clone();
        this.placements = placements.clone();
        this.polyVars.add(polyVars);
    }

    /** One polynomial of 2^polyVars entries holding every block at the given offset (a multiple of its size). */
    static BlockLayout at(int[] blockVars, int[] offsets, int polyVars) {
        Placement[] placements = new Placement[blockVars.length];
        for (int b = 0; b < blockVars.length; b++) {
            if (offsets[b] % (1L << blockVars[b]) != 0 || offsets[b] + (1L << blockVars[b]) > 1L << polyVars) {
                throw new IllegalArgumentException("block " + b + " of 2^" + blockVars[b] + " does not fit at " + offsets[b]);
            }
            placements[b] = new Placement(0, offsets[b], blockVars[b]);
        }
        return new BlockLayout(blockVars, placements, polyVars);
    }

    /** The layout of committed blocks: one polynomial up to 2^20 entries in total, else the waste rule. */
    static BlockLayout packed(int[] blockVars) {
        long total = 0;
        for (int v : blockVars) {
            total += v == NOT_PLACED ? 0 : 1L << v;
        }
        return new BlockLayout(blockVars, total <= 1L << SINGLE_POLYNOMIAL_VARS, MIN_VARIABLES);
    }

    int numBlocks() {
        return blockVars.length;
    }

    int polynomials() {
        return polyVars.size();
    }

    int polyVars(int poly) {
        return polyVars.get(poly);
    }

    int[] allPolyVars() {
        return polyVars.stream().mapToInt(Integer::intValue).toArray();
    }

    Placement placement(int block) {
        return placements[block];
    }

    int blockVars(int block) {
        return blockVars[block];
    }

    /** The committed tables: each placed block copied to its place, zeros elsewhere. */
    long[][] assemble(long[][] blocks) {
        long[][] polys = new long[polyVars.size()][];
        for (int p = 0; p < polys.length; p++) {
            polys[p] = new long[1 << polyVars.get(p)];
        }
        for (int b = 0; b < blocks.length; b++) {
            if (blockVars[b] == NOT_PLACED) {
                continue;
            }
            if (blocks[b].length != 1 << blockVars[b]) {
                throw new IllegalArgumentException("block " + b + " has " + blocks[b].length + " entries, expected 2^"
                        + blockVars[b]);
            }
            Placement pl = placements[b];
            System.arraycopy(blocks[b], 0, polys[pl.polynomial()], pl.offset(), blocks[b].length);
        }
        return polys;
    }

    /** The point on the whole polynomial for a point on a block at {@code offset}: (z, bits of offset / 2^vars). */
    static long[] embed(long[] blockPoint, int offset, int polyVars) {
        int vars = blockPoint.length / 3;
        long[] full = Arrays.copyOf(blockPoint, 3 * polyVars);
        int high = offset >>> vars;
        for (int i = vars; i < polyVars; i++) {
            (((high >>> (i - vars)) & 1) == 1 ? Ext3.ONE : Ext3.ZERO).write(full, i);
        }
        return full;
    }
}
