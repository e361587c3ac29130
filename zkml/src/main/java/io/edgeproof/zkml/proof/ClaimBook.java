package io.edgeproof.zkml.proof;

import io.edgeproof.commit.basefold.EvaluationClaim;
import io.edgeproof.field.Ext3;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation claims a proof leaves on one set of committed polynomials (weights, or the per-proof
 * witness), recorded per polynomial in the order prover and verifier produce them. Each claim is on one
 * block: its offset in the polynomial and a point over the block's own variables. A claim on a virtual
 * block (one the layout does not place) waits, in order, until {@link RangeChecks#resolve} replaces it by
 * claims on what defines the block.
 */
final class ClaimBook {
    record Claim(int offset, long[] point, Ext3 value) {}

    /** A claim on a virtual block, by block index. */
    record Pending(int block, long[] point, Ext3 value) {}

    private final BlockLayout layout;
    private final java.util.function.IntFunction<BlockLayout.Placement> placements;
    private final List<List<Claim>> perPolynomial = new ArrayList<>();
    private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();

    /** Claims on the polynomials of {@code layout}; {@code placements} gives a block's place (null: virtual). */
    ClaimBook(BlockLayout layout, java.util.function.IntFunction<BlockLayout.Placement> placements) {
        this.layout = layout;
        this.placements = placements;
        for (int p = 0; p < layout.polynomials(); p++) {
            perPolynomial.add(new ArrayList<>());
        }
    }

    void add(int block, long[] point, Ext3 value) {
        BlockLayout.Placement pl = placements.apply(block);
        if (pl == null) {
            pending.add(new Pending(block, point.clone(), value));
            return;
        }
        check(pl.vars(), point);
        perPolynomial.get(pl.polynomial()).add(new Claim(pl.offset(), point.clone(), value));
    }

    /** A claim on block {@code sub} of a layout packed (as one polynomial) inside block {@code block}. */
    void addNested(int block, BlockLayout inner, int sub, long[] point, Ext3 value) {
        BlockLayout.Placement outer = placements.apply(block);
        BlockLayout.Placement in = inner.placement(sub);
        check(in.vars(), point);
        perPolynomial.get(outer.polynomial()).add(new Claim(outer.offset() + in.offset(), point.clone(), value));
    }

    /** The oldest claim on a virtual block not yet resolved, or null. */
    Pending nextPending() {
        return pending.poll();
    }

    List<Claim> claims(int polynomial) {
        return perPolynomial.get(polynomial);
    }

    /**
     * Every claim as a claim on its whole committed polynomial (the block point followed by the bits of the
     * block's offset), numbered from {@code firstIndex} in the opening's list of polynomials. Basefold's
     * point reduction then merges them: an eq weight whose last coordinates are boolean costs only its
     * block's size there.
     */
    List<EvaluationClaim> openingClaims(int firstIndex) {
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " claims on virtual blocks were never resolved");
        }
        List<EvaluationClaim> out = new ArrayList<>();
        for (int p = 0; p < perPolynomial.size(); p++) {
            for (Claim c : perPolynomial.get(p)) {
                out.add(new EvaluationClaim(firstIndex + p, BlockLayout.embed(c.point(), c.offset(), layout.polyVars(p)),
                        c.value()));
            }
        }
        return out;
    }

    private static void check(int vars, long[] point) {
        if (point.length != 3 * vars) {
            throw new IllegalArgumentException("claim at a point of " + point.length / 3 + " coordinates on a block of "
                    + vars + " variables");
        }
    }
}
