package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.sumcheck.SumcheckProof;
import java.util.ArrayList;
import java.util.List;

/**
 * One layer of fractional-sum GKR: the sumcheck reducing the layer's claims to their children at a random
 * point rho, and per tree still descending at this layer (a batch may hold several) the four children
 * values there: p and q of the left (first half) and right children.
 */
public record FractionLayerProof(SumcheckProof sumcheck, List<Ext3> children) {
    /** The layer sumcheck's degree: eq * p * q. */
    public static final int DEGREE = 3;

    public FractionLayerProof {
        if (sumcheck == null || children == null || children.isEmpty() || children.size() % 4 != 0) {
            throw new IllegalArgumentException("a layer proof needs its sumcheck and four children values per tree");
        }
        children = List.copyOf(children);
    }

    /** The layer of a single tree. */
    public FractionLayerProof(SumcheckProof sumcheck, Ext3 leftNumerator, Ext3 rightNumerator, Ext3 leftDenominator,
                              Ext3 rightDenominator) {
        this(sumcheck, List.of(leftNumerator, rightNumerator, leftDenominator, rightDenominator));
    }

    /** Trees this layer reduces. */
    public int trees() {
        return children.size() / 4;
    }

    public Ext3 leftNumerator() {
        return children.get(0);
    }

    public Ext3 rightNumerator() {
        return children.get(1);
    }

    public Ext3 leftDenominator() {
        return children.get(2);
    }

    public Ext3 rightDenominator() {
        return children.get(3);
    }

    /** Children value j (0: pL, 1: pR, 2: qL, 3: qR) of tree a of the layer. */
    Ext3 child(int a, int j) {
        return children.get(4 * a + j);
    }

    /** The children values as the interleaved vector the transcript absorbs. */
    long[] childrenValues() {
        long[] v = new long[3 * children.size()];
        for (int i = 0; i < children.size(); i++) {
            children.get(i).write(v, i);
        }
        return v;
    }

    void writeTo(ProofWriter out) {
        sumcheck.writeTo(out);
        for (Ext3 c : children) {
            out.ext(c);
        }
    }

    static FractionLayerProof readFrom(ProofReader in, int layer, int trees) throws MalformedProofException {
        SumcheckProof sumcheck = SumcheckProof.readFrom(in, layer, DEGREE);
        List<Ext3> children = new ArrayList<>(4 * trees);
        for (int i = 0; i < 4 * trees; i++) {
            children.add(in.ext("children value"));
        }
        return new FractionLayerProof(sumcheck, children);
    }
}
