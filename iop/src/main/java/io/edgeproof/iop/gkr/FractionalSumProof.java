package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A fractional-sum GKR proof: the root fraction, then one {@link FractionLayerProof} per layer from the
 * root down (layer k's sumcheck has k rounds). Wire format: root numerator and denominator, then the layers;
 * no counts, since the verifier knows the number of leaf variables.
 */
public record FractionalSumProof(Ext3 rootNumerator, Ext3 rootDenominator, List<FractionLayerProof> layers) {
    public FractionalSumProof {
        if (rootNumerator == null || rootDenominator == null) {
            throw new IllegalArgumentException("a fractional-sum proof needs its root");
        }
        layers = List.copyOf(layers);
    }

    public void writeTo(ProofWriter out) {
        out.ext(rootNumerator).ext(rootDenominator);
        for (FractionLayerProof layer : layers) {
            layer.writeTo(out);
        }
    }

    public static FractionalSumProof readFrom(ProofReader in, int numVariables) throws MalformedProofException {
        if (numVariables < 0 || numVariables > 40) {
            throw new IllegalArgumentException("no fraction tree has " + numVariables + " variables");
        }
        Ext3 p = in.ext("root numerator");
        Ext3 q = in.ext("root denominator");
        List<FractionLayerProof> layers = new ArrayList<>(numVariables);
        for (int k = 0; k < numVariables; k++) {
            layers.add(FractionLayerProof.readFrom(in, k));
        }
        return new FractionalSumProof(p, q, layers);
    }
}
