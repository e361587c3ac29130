package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Weight parts: at most 4 times their largest block, every block and its masks in one part. */
class WeightLayoutTest {
    @Test
    void fourLargeMatricesSplitIntoTwoPartsInsteadOfOneOfEightTimesTheirSize() {
        WeightLayout l = new WeightLayout(ZkCircuit.of(ZkFixtures.model("mlp-4m")), 64);
        assertThat(l.parts).hasSize(2);
        assertThat(l.parts.get(0).numVariables()).isEqualTo(22);
        assertThat(l.parts.get(1).numVariables()).isEqualTo(21);
    }

    @Test
    void aSmallModelIsOnePartAndEveryMaskIsUsedOnce() {
        int budget = 5;
        WeightLayout l = new WeightLayout(ZkCircuit.of(ZkFixtures.model("digits-mlp")), budget);
        assertThat(l.parts).hasSize(1);
        Set<Integer> masks = new HashSet<>();
        for (int slot = 0; slot < budget; slot++) {
            for (int wb = 0; wb < l.part.length; wb++) {
                assertThat(masks.add(l.mask(wb, slot))).isTrue();
            }
        }
        int array = l.maskBlock(0);
        assertThat(masks).allMatch(m -> m < 1 << (l.parts.get(0).blockVars(array) - 2));
    }
}
