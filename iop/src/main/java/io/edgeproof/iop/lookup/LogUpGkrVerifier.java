package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.gkr.FractionalSumClaims;
import io.edgeproof.iop.gkr.FractionalSumVerifier;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a LogUp-GKR proof that every row of a (padded) witness of 2^n rows, or of several witness chunks,
 * is in {@code table}, and returns the claims on the witness columns and on the multiplicities that the
 * caller must discharge against the commitments it absorbed before calling. The verifier evaluates the
 * table's columns itself.
 */
public final class LogUpGkrVerifier {
    private LogUpGkrVerifier() {}

    /** The multilinear extension of a public 0/1 row selector, which the verifier evaluates itself. */
    @FunctionalInterface
    public interface Selector {
        Ext3 at(long[] point);
    }

    public static LookupClaims verify(LookupTable table, int witnessVariables, LogUpGkrProof proof, Transcript transcript)
            throws VerificationException {
        return verifyChunks(table, new int[] {witnessVariables}, proof, transcript, null);
    }

    /**
     * As {@link #verify(LookupTable, int, LogUpGkrProof, Transcript)} for witness chunks of these sizes; chunk
     * j keeps only the rows of {@code selectors[j]} (null, or a null entry: every row). The claims on the
     * witness columns come chunk by chunk, each at its own point.
     */
    public static LookupClaims verifyChunks(LookupTable table, int[] chunkVariables, LogUpGkrProof proof,
                                            Transcript transcript, Selector[] selectors) throws VerificationException {
        int chunks = chunkVariables.length;
        int columns = table.numColumns();
        if (proof.witnessEvaluations().size() != chunks * columns || proof.sums().rootNumerators().size() != chunks + 1) {
            throw new VerificationException(LookupReason.WRONG_SHAPE, "expected " + chunks * columns
                    + " witness evaluations and " + (chunks + 1) + " fraction trees, got "
                    + proof.witnessEvaluations().size() + " and " + proof.sums().rootNumerators().size());
        }
        LogUpGkr.Challenges ch = LogUpGkr.bind(transcript, table, chunkVariables);
        Ext3 p = Ext3.ZERO, q = Ext3.ONE;
        for (int j = 0; j <= chunks; j++) {
            if (proof.sums().rootDenominators().get(j).isZero()) {
                throw new VerificationException(LookupReason.ZERO_DENOMINATOR, "a root denominator is zero");
            }
        }
        for (int j = 0; j < chunks; j++) {
            Ext3 qj = proof.sums().rootDenominators().get(j);
            p = p.mul(qj).add(proof.sums().rootNumerators().get(j).mul(q));
            q = q.mul(qj);
        }
        Ext3 pt = proof.sums().rootNumerators().get(chunks), qt = proof.sums().rootDenominators().get(chunks);
        if (!p.mul(qt).equals(pt.mul(q))) {
            throw new VerificationException(LookupReason.SUMS_DIFFER,
                    "sum of 1/(alpha - w) differs from sum of m/(alpha - t)");
        }
        int[] trees = java.util.Arrays.copyOf(chunkVariables, chunks + 1);
        trees[chunks] = table.numVariables();
        List<FractionalSumClaims> sums = FractionalSumVerifier.verify(trees, proof.sums(), transcript);
        List<EvaluationClaim> columnClaims = new ArrayList<>(chunks * columns);
        for (int j = 0; j < chunks; j++) {
            FractionalSumClaims witness = sums.get(j);
            long[] point = witness.leafNumerator().point();
            Selector selector = selectors == null ? null : selectors[j];
            Ext3 selected = selector == null ? Ext3.ONE : selector.at(point);
            if (!witness.leafNumerator().value().equals(selected)) {
                throw new VerificationException(LookupReason.WITNESS_LEAF_MISMATCH,
                        "witness numerators are not the row selector");
            }
            Ext3[] evaluations = proof.witnessEvaluations().subList(j * columns, (j + 1) * columns).toArray(new Ext3[0]);
            if (!witness.leafDenominator().value().equals(LogUpGkr.denominator(ch, evaluations))) {
                throw new VerificationException(LookupReason.WITNESS_LEAF_MISMATCH,
                        "witness denominators do not match the claimed column evaluations");
            }
            for (Ext3 e : evaluations) {
                columnClaims.add(new EvaluationClaim(point, e));
            }
        }
        FractionalSumClaims tableSide = sums.get(chunks);
        long[] tablePoint = tableSide.leafDenominator().point();
        Ext3[] tableValues = new Ext3[columns];
        for (int c = 0; c < columns; c++) {
            tableValues[c] = table.evaluateColumn(c, tablePoint);
        }
        if (!tableSide.leafDenominator().value().equals(LogUpGkr.denominator(ch, tableValues))) {
            throw new VerificationException(LookupReason.TABLE_LEAF_MISMATCH,
                    "table denominators do not match table " + table.name());
        }
        bindEvaluations(transcript, proof.witnessEvaluations());
        return new LookupClaims(columnClaims, tableSide.leafNumerator());
    }

    /** The witness column evaluations are prover messages: absorbed before the caller's next challenge. */
    static void bindEvaluations(Transcript transcript, List<Ext3> evaluations) {
        for (Ext3 e : evaluations) {
            transcript.ext("logup-witness-evaluation", e);
        }
    }
}
