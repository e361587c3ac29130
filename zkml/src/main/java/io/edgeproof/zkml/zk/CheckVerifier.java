package io.edgeproof.zkml.zk;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MaskCommitmentScheme;
import io.edgeproof.iop.sumcheck.SubClaim;
import io.edgeproof.iop.sumcheck.ZkSumcheck;
import io.edgeproof.iop.sumcheck.ZkSumcheckProof;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;

/**
 * Verifies one {@link Check}: the masked sumcheck from the public claimed sum, then the summand at the final
 * point from the revealed operand values and the public tables. Returns the final point (rho, c); the
 * revealed values still have to be discharged against the commitments.
 */
final class CheckVerifier {
    private CheckVerifier() {}

    /** {@code revealed}: the values of the revealed operands, in operand order. */
    static long[] verify(Check check, ZkSumcheckProof proof, Ext3[] revealed, MaskCommitmentScheme scheme,
                         Transcript transcript) throws VerificationException {
        SubClaim sub = ZkSumcheck.verify(check.claimedSum(), check.numVariables(), check.degree(), proof, scheme,
                transcript);
        CheckProver.absorb(transcript, Arrays.asList(revealed));
        long[] point = sub.point();
        Ext3[] values = operandValues(check, point, revealed);
        if (!check.summandAt(point, values).equals(sub.expectedValue())) {
            throw new VerificationException(check.reason(), check.name() + ": the constraints do not hold");
        }
        return point;
    }

    /** Revealed values in place, public operands evaluated at the point. */
    static Ext3[] operandValues(Check check, long[] point, Ext3[] revealed) {
        Ext3[] values = new Ext3[check.operands().size()];
        int r = 0;
        for (int o = 0; o < values.length; o++) {
            Operand op = check.operands().get(o);
            values[o] = op.revealed() ? revealed[r++] : op.table().evaluate(check.cube().restrict(point, op.axes()));
        }
        return values;
    }

    /** How many values a proof of this check carries. */
    static int revealedCount(Check check) {
        int n = 0;
        for (Operand op : check.operands()) {
            if (op.revealed()) {
                n++;
            }
        }
        return n;
    }
}
