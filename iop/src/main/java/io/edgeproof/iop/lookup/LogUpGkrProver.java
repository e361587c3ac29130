package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.gkr.FractionalSumClaims;
import io.edgeproof.iop.gkr.FractionTree;
import io.edgeproof.iop.gkr.FractionalSumProver;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a lookup with LogUp-GKR on the caller's transcript. Before calling, the caller must have committed
 * to the witness's padded columns and multiplicities and absorbed those commitments: the challenges drawn
 * here must not be known when they are fixed. Prover work: O(N + T) (two fraction trees, one batched GKR)
 * plus one evaluation per witness column.
 */
public final class LogUpGkrProver {
    private LogUpGkrProver() {}

    public record Output(LogUpGkrProof proof, LookupClaims claims) {}

    public static Output prove(LookupTable table, LookupWitness witness, Transcript transcript) {
        return prove(table, witness, null, transcript);
    }

    /**
     * A lookup of only the witness rows where the public 0/1 {@code selector} is 1 (the others may hold
     * anything): the witness side sums selector_i / (alpha - phi(w_i)), the multiplicities count the
     * selected rows, and the verifier checks the witness leaf numerator against the selector's multilinear
     * extension ({@link LogUpGkrVerifier#verify(LookupTable, int, LogUpGkrProof, Transcript, Selector)}).
     * A null selector selects every row. Single-column tables only.
     */
    public static Output prove(LookupTable table, LookupWitness witness, long[] selector, Transcript transcript) {
        if (selector != null && (table.numColumns() != 1 || selector.length != witness.column(0).length)) {
            throw new IllegalArgumentException("a selector needs a single-column lookup and one entry per row");
        }
        if (witness.numColumns() != table.numColumns() || witness.counts().length != table.size()) {
            throw new IllegalArgumentException("witness does not fit table " + table.name());
        }
        LogUpGkr.Challenges ch = LogUpGkr.bind(transcript, table, witness.numVariables());
        long[][] witnessColumns = new long[witness.numColumns()][];
        long[][] tableColumns = new long[table.numColumns()][];
        for (int c = 0; c < table.numColumns(); c++) {
            witnessColumns[c] = witness.column(c);
            tableColumns[c] = tableColumn(table, c);
        }
        FractionTree witnessTree, tableTree;
        if (table.numColumns() == 1) {
            // phi(row) is the row's base value: the leaf denominators alpha - v stay implicit
            if (LogUpGkr.hits(ch.alpha(), witnessColumns[0]) || LogUpGkr.hits(ch.alpha(), tableColumns[0])) {
                throw zeroDenominator();
            }
            witnessTree = FractionTree.buildShifted(selector == null ? null : MultilinearTable.base(selector), ch.alpha(),
                    witnessColumns[0]);
            tableTree = FractionTree.buildShifted(MultilinearTable.base(witness.counts()), ch.alpha(), tableColumns[0]);
        } else {
            long[] witnessDenominators = LogUpGkr.denominators(ch, witnessColumns);
            long[] tableDenominators = LogUpGkr.denominators(ch, tableColumns);
            if (LogUpGkr.hasZero(witnessDenominators) || LogUpGkr.hasZero(tableDenominators)) {
                throw zeroDenominator();
            }
            witnessTree = FractionTree.buildWithUnitNumerators(witnessDenominators);
            tableTree = FractionTree.build(MultilinearTable.base(witness.counts()), tableDenominators);
        }
        FractionalSumProver.BatchOutput sums = FractionalSumProver.prove(List.of(witnessTree, tableTree), transcript);
        FractionalSumClaims witnessSide = sums.claims().get(0);

        long[] point = witnessSide.leafDenominator().point();
        List<Ext3> evaluations = new ArrayList<>(witnessColumns.length);
        List<EvaluationClaim> columnClaims = new ArrayList<>(witnessColumns.length);
        for (long[] column : witnessColumns) {
            Ext3 value = LogUpGkr.evaluate(column, point);
            evaluations.add(value);
            columnClaims.add(new EvaluationClaim(point, value));
        }
        LogUpGkrVerifier.bindEvaluations(transcript, evaluations);
        LogUpGkrProof proof = new LogUpGkrProof(sums.proof(), evaluations);
        return new Output(proof, new LookupClaims(columnClaims, sums.claims().get(1).leafNumerator()));
    }

    private static IllegalStateException zeroDenominator() {
        return new IllegalStateException("the lookup challenge alpha equals a compressed witness or table row;"
                + " this happens with probability below (N + T) / 2^190: retry with a fresh transcript");
    }

    private static long[] tableColumn(LookupTable table, int column) {
        long[] values = new long[table.size()];
        for (int row = 0; row < values.length; row++) {
            values[row] = table.entry(column, row);
        }
        return values;
    }
}
