package io.edgeproof.zkml.zk;

/** What the prover returns: the proof and the outputs it computed (its own run, not read from the proof). */
public record ZkProofOutput(ZkProof proof, int[] outputs) {
    public ZkProofOutput {
        outputs = outputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }
}
