package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.lookup.LogUpGkrProof;
import io.edgeproof.iop.lookup.LogUpGkrProver;
import io.edgeproof.iop.lookup.LogUpGkrVerifier;
import io.edgeproof.iop.lookup.LookupClaims;
import io.edgeproof.iop.lookup.LookupWitness;
import io.edgeproof.transcript.VerificationException;

/**
 * y = T[x + 2^15] by one LogUp-GKR lookup of the pairs (x + 2^15, y + (1 - sel) T[2^15]) over the padded
 * block into the table rows (j, T[j]) ({@link ActivationTable}, two columns compressed with a random
 * challenge), with the step's own committed 2^16 multiplicities. On real elements this is the relation
 * itself (the index column also forces x int16); on padding x = 0 and the pair is (2^15, y + T[2^15]),
 * which is a row only if y = 0. The lookup ends in claims on the two virtual columns at a point z, turned
 * into x(z) (checked directly on the public input) and y(z) by subtracting the public shifts.
 */
final class TableLookupCheck {
    record Proof(LogUpGkrProof lookup) implements InferenceProof.StepProof {
        void writeTo(ProofWriter w) {
            lookup.writeTo(w);
        }

        static Proof readFrom(ProofReader r, WitnessPlan plan, TableStep t) throws MalformedProofException {
            return new Proof(LogUpGkrProof.readFrom(r, plan.tensorVars(t.output()), 16, 2));
        }
    }

    private TableLookupCheck() {}

    static Proof prove(ProofSession session, int step, TableStep t) {
        WitnessPlan plan = session.plan;
        ActivationTable table = new ActivationTable(t.table());
        long[] x = session.tensorTable(t.input());
        long[] y = session.tensorTable(t.output());
        long[] sel = plan.elementSelector(t.output());
        long padValue = table.value(TableStep.OFFSET);
        long[] index = new long[x.length];
        long[] value = new long[x.length];
        for (int j = 0; j < x.length; j++) {
            index[j] = Goldilocks.add(x[j], TableStep.OFFSET);
            value[j] = sel[j] == 1 ? y[j] : Goldilocks.add(y[j], padValue);
        }
        LogUpGkrProver.Output out = LogUpGkrProver.prove(table, new LookupWitness(new long[][] {index, value},
                session.witness.blocks()[plan.lookupMultiplicityBlock[step]]), session.transcript);
        LookupClaims claims = out.claims();
        long[] z = claims.witnessColumns().get(0).point();
        session.claimTensor(t.input(), z, inputAt(claims));
        session.claimTensor(t.output(), z, outputAt(plan, t, table, claims));
        session.witnessClaims.add(plan.lookupMultiplicityBlock[step], claims.multiplicities().point(),
                claims.multiplicities().value());
        return new Proof(out.proof());
    }

    static void verify(ProofSession session, int step, TableStep t, Proof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        ActivationTable table = new ActivationTable(t.table());
        LookupClaims claims = LogUpGkrVerifier.verify(table, plan.tensorVars(t.output()), proof.lookup(),
                session.transcript);
        long[] z = claims.witnessColumns().get(0).point();
        Ext3 x = inputAt(claims);
        if (t.input() == 0 && !session.publicInputAt(z).equals(x)) {
            throw new VerificationException(ZkmlReason.LOOKUP_INPUT_MISMATCH, "step " + step + " (Lookup at node "
                    + (t.node() + 1) + "): the looked-up inputs are not the public input");
        }
        session.claimTensor(t.input(), z, x);
        session.claimTensor(t.output(), z, outputAt(plan, t, table, claims));
        session.witnessClaims.add(plan.lookupMultiplicityBlock[step], claims.multiplicities().point(),
                claims.multiplicities().value());
    }

    private static Ext3 inputAt(LookupClaims claims) {
        return claims.witnessColumns().get(0).value().sub(Ext3.ofBase(TableStep.OFFSET));
    }

    private static Ext3 outputAt(WitnessPlan plan, TableStep t, ActivationTable table, LookupClaims claims) {
        long[] z = claims.witnessColumns().get(1).point();
        Ext3 padding = Ext3.ONE.sub(Multilinear.evaluate(plan.elementSelector(t.output()), z));
        return claims.witnessColumns().get(1).value().sub(padding.mulBase(table.value(TableStep.OFFSET)));
    }
}
