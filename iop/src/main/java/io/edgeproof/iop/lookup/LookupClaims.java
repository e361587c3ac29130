package io.edgeproof.iop.lookup;

import io.edgeproof.iop.gkr.EvaluationClaim;
import java.util.List;

/**
 * What a verified lookup leaves for the caller: the padded witness columns' extensions at one point and
 * the multiplicity polynomial's at another. The lookup is proved once both are discharged against the
 * commitments the caller absorbed before the lookup started.
 */
public record LookupClaims(List<EvaluationClaim> witnessColumns, EvaluationClaim multiplicities) {
    public LookupClaims {
        witnessColumns = List.copyOf(witnessColumns);
    }
}
