package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch of range checks: one lookup of all inputs' looked-up columns, and per input its limbs' values at
 * the prefix of the lookup point. Wire format: header, the lookup, then the limb values input by input;
 * the shape comes from the specs and value counts the verifier knows.
 */
public record RangeCheckBatchProof(LogUpGkrProof lookup, List<List<Ext3>> limbEvaluations) {
    static final int MAGIC = 0x4252_5045; // "EPRB" little-endian
    static final int VERSION = 1;

    public RangeCheckBatchProof {
        if (lookup == null) {
            throw new IllegalArgumentException("a range-check batch needs its lookup");
        }
        List<List<Ext3>> copy = new ArrayList<>(limbEvaluations.size());
        for (List<Ext3> input : limbEvaluations) {
            copy.add(List.copyOf(input));
        }
        limbEvaluations = List.copyOf(copy);
    }

    public byte[] toBytes() {
        ProofWriter out = new ProofWriter().header(MAGIC, VERSION);
        lookup.writeTo(out);
        for (List<Ext3> input : limbEvaluations) {
            for (Ext3 e : input) {
                out.ext(e);
            }
        }
        return out.toByteArray();
    }

    public static RangeCheckBatchProof fromBytes(byte[] bytes, List<RangeCheckSpec> specs, int[] numValues)
            throws MalformedProofException {
        RangeCheckBatch.Layout layout = RangeCheckBatch.Layout.of(specs, numValues);
        ProofReader in = new ProofReader(bytes);
        in.header(MAGIC, VERSION, "range-check batch proof");
        LogUpGkrProof lookup = LogUpGkrProof.readFrom(in, layout.variables(), RangeTable.LIMB_BITS, 1);
        List<List<Ext3>> limbs = new ArrayList<>(specs.size());
        for (RangeCheckSpec spec : specs) {
            List<Ext3> input = new ArrayList<>(spec.limbs());
            for (int l = 0; l < spec.limbs(); l++) {
                input.add(in.ext("limb evaluation"));
            }
            limbs.add(input);
        }
        in.expectEnd("range-check batch proof");
        return new RangeCheckBatchProof(lookup, limbs);
    }
}
