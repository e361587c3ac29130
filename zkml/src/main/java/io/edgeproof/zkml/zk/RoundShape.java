package io.edgeproof.zkml.zk;

/**
 * How the prover runs a check's rounds. The verifier does not care: every shape proves the same sum of the
 * same summand; the shape only lets the prover avoid tabulating a large cube.
 */
sealed interface RoundShape {
    /** The whole cube tabulated ({@link CheckProver}); for cubes of at most 2^{@value #MAX_TABULATED} points. */
    record Tabulated() implements RoundShape {}

    /**
     * Term 0 is factor(axes 1, 2) * form(axes 0, 1) * form(axes 0, 2), a matrix product over the inner index
     * on axis 0, and no other term reads axis 0 (the dense check): {@link InnerProductRounds}.
     */
    record InnerProduct() implements RoundShape {}

    /**
     * Term 0 is the only term reading the inner axes (the lowest ones: {@code kAxes}, then {@code qAxes}):
     * coefficient * (factor tables over outer axes) * (pair tables over one k axis and its partner q axis, or
     * over one q axis) * kForm(k axes, outer axes) * qForm(q axes), with kForm = -1 when there are no k axes.
     * {@code partner[a]}, for each q axis a, is its k axis or -1. {@link ContractionRounds} binds k by a
     * product sumcheck of the k form (summed over the outer axes) and the q form contracted with the pair
     * tables, then q, then the outer cube. A convolution: k = (c, kx, ky), q = the input's (c, x, y, sample),
     * pair tables = the window maps; a max-pool's window relation: no k axes.
     */
    record Contraction(int kAxes, int qAxes, int[] partner, int kForm, int qForm) implements RoundShape {
        public Contraction {
            partner = partner.clone();
        }
    }

    int MAX_TABULATED = 27;

    RoundShape TABULATED = new Tabulated();
    RoundShape INNER_PRODUCT = new InnerProduct();
}
