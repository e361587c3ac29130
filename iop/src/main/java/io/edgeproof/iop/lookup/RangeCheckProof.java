package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.util.ArrayList;
import java.util.List;

/** A range check: the lookup of the limb column and each limb's value at the lookup's point (low half). */
public record RangeCheckProof(LogUpGkrProof lookup, List<Ext3> limbEvaluations) {
    static final int MAGIC = 0x4752_5045; // "EPRG" little-endian
    static final int VERSION = 1;

    public RangeCheckProof {
        if (lookup == null) {
            throw new IllegalArgumentException("a range check needs its lookup");
        }
        limbEvaluations = List.copyOf(limbEvaluations);
    }

    public byte[] toBytes() {
        ProofWriter out = new ProofWriter().header(MAGIC, VERSION);
        lookup.writeTo(out);
        for (Ext3 e : limbEvaluations) {
            out.ext(e);
        }
        return out.toByteArray();
    }

    public static RangeCheckProof fromBytes(byte[] bytes, RangeCheckSpec spec, int numValues) throws MalformedProofException {
        ProofReader in = new ProofReader(bytes);
        in.header(MAGIC, VERSION, "range-check proof");
        int witnessVariables = LogUpGkr.paddedVariables(numValues) + spec.blockVariables();
        LogUpGkrProof lookup = LogUpGkrProof.readFrom(in, witnessVariables, RangeTable.LIMB_BITS, 1);
        List<Ext3> limbs = new ArrayList<>(spec.limbs());
        for (int i = 0; i < spec.limbs(); i++) {
            limbs.add(in.ext("limb evaluation"));
        }
        in.expectEnd("range-check proof");
        return new RangeCheckProof(lookup, limbs);
    }
}
