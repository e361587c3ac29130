package io.edgeproof.iop.gkr;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A fractional-sum GKR proof for one tree or a batch: the root fraction of each tree, then one
 * {@link FractionLayerProof} per layer from the root down to the deepest tree's leaves (layer k's sumcheck
 * has k rounds and children values for every tree deeper than k). Wire format: the roots' numerators and
 * denominators, then the layers; no counts, since the verifier knows every tree's number of leaf variables.
 */
public record FractionalSumProof(List<Ext3> rootNumerators, List<Ext3> rootDenominators,
                                 List<FractionLayerProof> layers) {
    public FractionalSumProof {
        if (rootNumerators == null || rootDenominators == null || rootNumerators.isEmpty()
                || rootNumerators.size() != rootDenominators.size()) {
            throw new IllegalArgumentException("a fractional-sum proof needs the root of every tree");
        }
        rootNumerators = List.copyOf(rootNumerators);
        rootDenominators = List.copyOf(rootDenominators);
        layers = List.copyOf(layers);
    }

    /** The proof for a single tree. */
    public FractionalSumProof(Ext3 rootNumerator, Ext3 rootDenominator, List<FractionLayerProof> layers) {
        this(List.of(rootNumerator), List.of(rootDenominator), layers);
    }

    public Ext3 rootNumerator() {
        return rootNumerators.get(0);
    }

    public Ext3 rootDenominator() {
        return rootDenominators.get(0);
    }

    public void writeTo(ProofWriter out) {
        for (int t = 0; t < rootNumerators.size(); t++) {
            out.ext(rootNumerators.get(t)).ext(rootDenominators.get(t));
        }
        for (FractionLayerProof layer : layers) {
            layer.writeTo(out);
        }
    }

    /** Reads the proof for trees of these numbers of leaf variables. */
    public static FractionalSumProof readFrom(ProofReader in, int... numVariables) throws MalformedProofException {
        if (numVariables.length == 0 || numVariables.length > 64) {
            throw new IllegalArgumentException("a fractional-sum batch has 1 to 64 trees, not " + numVariables.length);
        }
        for (int n : numVariables) {
            if (n < 0 || n > 40) {
                throw new IllegalArgumentException("no fraction tree has " + n + " variables");
            }
        }
        List<Ext3> p = new ArrayList<>(numVariables.length);
        List<Ext3> q = new ArrayList<>(numVariables.length);
        for (int t = 0; t < numVariables.length; t++) {
            p.add(in.ext("root numerator"));
            q.add(in.ext("root denominator"));
        }
        int depth = FractionalSumVerifier.depth(numVariables);
        List<FractionLayerProof> layers = new ArrayList<>(depth);
        for (int k = 0; k < depth; k++) {
            layers.add(FractionLayerProof.readFrom(in, k, FractionalSumVerifier.descending(numVariables, k)));
        }
        return new FractionalSumProof(p, q, layers);
    }
}
