package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;

/**
 * Ties each committed output tensor to the claimed outputs: at a random point r the committed block must
 * equal the multilinear extension of the claimed values (zeros in the padding), which the verifier computes
 * itself; the claim is discharged by the witness opening. Prover and verifier run the same code.
 */
final class OutputCheck {
    private OutputCheck() {}

    static void run(ProofSession session, int[] outputs) {
        ModelCircuit circuit = session.plan.circuit;
        int perSample = circuit.outputSize();
        int offset = 0;
        for (int o : circuit.outputs()) {
            int size = circuit.tensor(o).size();
            long[] values = new long[session.plan.batch * size];
            for (int b = 0; b < session.plan.batch; b++) {
                for (int j = 0; j < size; j++) {
                    values[b * size + j] = outputs[b * perSample + offset + j];
                }
            }
            long[] table = WitnessBuilder.toField(WitnessBuilder.padded(session.plan, o, values));
            long[] r = session.transcript.challengeExts("output-point", session.plan.tensorVars(o));
            Ext3 value = Multilinear.evaluate(table, r);
            session.witnessClaims.add(session.plan.tensorBlock[o], r, value);
            offset += size;
        }
    }
}
