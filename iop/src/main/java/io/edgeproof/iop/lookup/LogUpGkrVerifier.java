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
 * Verifies a LogUp-GKR proof that every row of a (padded) witness of 2^n rows is in {@code table}, and
 * returns the claims on the witness columns and on the multiplicities that the caller must discharge
 * against the commitments it absorbed before calling. The verifier evaluates the table's columns itself.
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
        return verify(table, witnessVariables, proof, transcript, point -> Ext3.ONE);
    }

    /** As {@link #verify(LookupTable, int, LogUpGkrProof, Transcript)} for a lookup of the selected rows only. */
    public static LookupClaims verify(LookupTable table, int witnessVariables, LogUpGkrProof proof, Transcript transcript,
                                      Selector selector) throws VerificationException {
        if (proof.witnessEvaluations().size() != table.numColumns()) {
            throw new VerificationException(LookupReason.WRONG_SHAPE, "expected " + table.numColumns()
                    + " witness evaluations, got " + proof.witnessEvaluations().size());
        }
        LogUpGkr.Challenges ch = LogUpGkr.bind(transcript, table, witnessVariables);
        Ext3 pw = proof.sums().rootNumerators().get(0), qw = proof.sums().rootDenominators().get(0);
        Ext3 pt = proof.sums().rootNumerators().get(1), qt = proof.sums().rootDenominators().get(1);
        if (qw.isZero() || qt.isZero()) {
            throw new VerificationException(LookupReason.ZERO_DENOMINATOR, "a root denominator is zero");
        }
        if (!pw.mul(qt).equals(pt.mul(qw))) {
            throw new VerificationException(LookupReason.SUMS_DIFFER,
                    "sum of 1/(alpha - w) differs from sum of m/(alpha - t)");
        }
        List<FractionalSumClaims> sums = FractionalSumVerifier.verify(new int[] {witnessVariables, table.numVariables()},
                proof.sums(), transcript);
        FractionalSumClaims witness = sums.get(0);
        FractionalSumClaims tableSide = sums.get(1);

        if (!witness.leafNumerator().value().equals(selector.at(witness.leafNumerator().point()))) {
            throw new VerificationException(LookupReason.WITNESS_LEAF_MISMATCH,
                    "witness numerators are not the row selector");
        }
        Ext3[] evaluations = proof.witnessEvaluations().toArray(new Ext3[0]);
        if (!witness.leafDenominator().value().equals(LogUpGkr.denominator(ch, evaluations))) {
            throw new VerificationException(LookupReason.WITNESS_LEAF_MISMATCH,
                    "witness denominators do not match the claimed column evaluations");
        }
        long[] tablePoint = tableSide.leafDenominator().point();
        Ext3[] tableValues = new Ext3[table.numColumns()];
        for (int c = 0; c < tableValues.length; c++) {
            tableValues[c] = table.evaluateColumn(c, tablePoint);
        }
        if (!tableSide.leafDenominator().value().equals(LogUpGkr.denominator(ch, tableValues))) {
            throw new VerificationException(LookupReason.TABLE_LEAF_MISMATCH,
                    "table denominators do not match table " + table.name());
        }
        bindEvaluations(transcript, proof.witnessEvaluations());
        long[] point = witness.leafDenominator().point();
        List<EvaluationClaim> columnClaims = new ArrayList<>(evaluations.length);
        for (Ext3 e : evaluations) {
            columnClaims.add(new EvaluationClaim(point, e));
        }
        return new LookupClaims(columnClaims, tableSide.leafNumerator());
    }

    /** The witness column evaluations are prover messages: absorbed before the caller's next challenge. */
    static void bindEvaluations(Transcript transcript, List<Ext3> evaluations) {
        for (Ext3 e : evaluations) {
            transcript.ext("logup-witness-evaluation", e);
        }
    }
}
