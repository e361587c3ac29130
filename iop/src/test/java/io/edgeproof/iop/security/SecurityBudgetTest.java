package io.edgeproof.iop.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldSecurity;
import org.junit.jupiter.api.Test;

class SecurityBudgetTest {
    @Test
    void bitsAreTheMinimumAndTheUnionBoundIsBelowIt() {
        SecurityBudget b = new SecurityBudget().add("a", 120).add("b", 100).add("c", 100);
        assertThat(b.bits()).isEqualTo(100);
        assertThat(b.weakestTerm()).isEqualTo("b");
        // 2^-100 + 2^-100 + 2^-120 ~ 2^-99
        assertThat(b.unionBoundBits()).isCloseTo(99.0, within(1e-5));
    }

    @Test
    void theStandardPrimitivesReachOneHundredBitsAtTwoToTheTwenty() {
        SecurityBudget b = SecurityBudget.primitives(20, BasefoldParams.standard());
        assertThat(b.bits()).isGreaterThanOrEqualTo(100);
        assertThat(b.unionBoundBits()).isGreaterThanOrEqualTo(100);
        assertThat(b.terms()).containsKeys("sumcheck.product_of_two", "basefold.queries",
                "basefold.proximity_gaps", "range_check_16bit", "claim_merge");
        assertThat(b.bits()).isEqualTo(BasefoldSecurity.analyse(BasefoldParams.standard(), 20, 1).bits());
    }

    @Test
    void weakeningAnySubProtocolLowersTheTotal() {
        BasefoldParams standard = BasefoldParams.standard();
        BasefoldParams fewerQueries = new BasefoldParams(standard.logBlowup(), standard.foldingArityLog(),
                standard.finalLogSize(), standard.queries() / 2, standard.grindingBits(), standard.regime(),
                standard.hash());
        assertThat(SecurityBudget.primitives(20, fewerQueries).bits())
                .isLessThan(SecurityBudget.primitives(20, standard).bits() - 10);
        SecurityBudget weakTerm = SecurityBudget.primitives(20, standard).add("toy", 40);
        assertThat(weakTerm.bits()).isEqualTo(40);
        assertThat(weakTerm.weakestTerm()).isEqualTo("toy");
    }

    @Test
    void rejectsMeaninglessOrDuplicateTerms() {
        assertThatThrownBy(() -> new SecurityBudget().add("x", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityBudget().add("x", -3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityBudget().add("x", 90).add("x", 95))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SecurityBudget().bits()).isInstanceOf(IllegalStateException.class);
    }
}
