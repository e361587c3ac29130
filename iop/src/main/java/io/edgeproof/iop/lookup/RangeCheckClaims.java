package io.edgeproof.iop.lookup;

import io.edgeproof.iop.gkr.EvaluationClaim;
import java.util.List;

/**
 * What a verified range check leaves for the caller, all at one point except the multiplicities: the
 * padded value column (derived from the limbs as sum_i 2^(16 i) limb_i - offset), each limb column, and
 * the limb table's multiplicities. Discharging the value claim against the value commitment ties the limbs
 * to the values; the others bind the limbs and multiplicities to their commitments.
 */
public record RangeCheckClaims(EvaluationClaim values, List<EvaluationClaim> limbs, EvaluationClaim multiplicities) {
    public RangeCheckClaims {
        limbs = List.copyOf(limbs);
    }
}
