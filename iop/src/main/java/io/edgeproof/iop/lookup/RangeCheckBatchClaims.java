package io.edgeproof.iop.lookup;

import io.edgeproof.iop.gkr.EvaluationClaim;
import java.util.List;

/**
 * What a verified batch of range checks leaves for the caller: per input, the value and limb claims (at a
 * prefix of the shared lookup point, as long as the input's padded variables), and the one claim on the
 * multiplicities shared by all inputs. Each input's {@link RangeCheckClaims#multiplicities()} is that same
 * shared claim: discharge it once.
 */
public record RangeCheckBatchClaims(List<RangeCheckClaims> inputs, EvaluationClaim multiplicities) {
    public RangeCheckBatchClaims {
        inputs = List.copyOf(inputs);
    }
}
