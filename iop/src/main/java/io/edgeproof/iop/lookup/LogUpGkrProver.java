package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.gkr.FractionTree;
import io.edgeproof.iop.gkr.FractionalSumProver;
import io.edgeproof.iop.sumcheck.MultilinearTable;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves a lookup with LogUp-GKR on the caller's transcript. Before calling, the caller must have committed
 * to the witness's padded columns and multiplicities and absorbed those commitments: the challenges drawn
 * here must not be known when they are fixed. Prover work: O(N + T) (the fraction trees of the witness and
 * of the table, one batched GKR) plus one evaluation per witness column.
 */
public final class LogUpGkrProver {
    private LogUpGkrProver() {}

    public record Output(LogUpGkrProof proof, LookupClaims claims) {}

    public static Output prove(LookupTable table, LookupWitness witness, Transcript transcript) {
        if (witness.numColumns() != table.numColumns() || witness.counts().length != table.size()) {
            throw new IllegalArgumentException("witness does not fit table " + table.name());
        }
        if (table.numColumns() == 1) {
            return proveChunks(table, new long[][] {witness.column(0)}, null, witness.counts(), transcript);
        }
        LogUpGkr.Challenges ch = LogUpGkr.bind(transcript, table, new int[] {witness.numVariables()});
        long[][] witnessColumns = new long[witness.numColumns()][];
        long[][] tableColumns = new long[table.numColumns()][];
        for (int c = 0; c < table.numColumns(); c++) {
            witnessColumns[c] = witness.column(c);
            tableColumns[c] = tableColumn(table, c);
        }
        long[] witnessDenominators = LogUpGkr.denominators(ch, witnessColumns);
        long[] tableDenominators = LogUpGkr.denominators(ch, tableColumns);
        if (LogUpGkr.hasZero(witnessDenominators) || LogUpGkr.hasZero(tableDenominators)) {
            throw zeroDenominator();
        }
        List<FractionTree> trees = List.of(FractionTree.buildWithUnitNumerators(witnessDenominators),
                FractionTree.build(MultilinearTable.base(witness.counts()), tableDenominators));
        return finish(trees, new long[][][] {witnessColumns}, transcript);
    }

    /**
     * A single-column lookup of several witness chunks (each a power of two, e.g. the used parts of a larger
     * committed column) in one batched GKR with the table. A chunk's public 0/1 {@code selectors[j]} (null, or
     * a null entry: every row) keeps only its rows where it is 1 (the others may hold anything): the chunk
     * sums selector_i / (alpha - w_i), the multiplicities count the selected rows, and the verifier checks the
     * chunk's leaf numerator against the selector's multilinear extension.
     */
    public static Output proveChunks(LookupTable table, long[][] chunks, long[][] selectors, long[] counts,
                                     Transcript transcript) {
        if (table.numColumns() != 1 || counts.length != table.size() || chunks.length == 0
                || (selectors != null && selectors.length != chunks.length)) {
            throw new IllegalArgumentException("chunks need a single-column table, its counts and one selector slot each");
        }
        int[] vars = new int[chunks.length];
        for (int j = 0; j < chunks.length; j++) {
            vars[j] = io.edgeproof.commit.poly.Multilinear.numVariables(chunks[j].length);
            if (selectors != null && selectors[j] != null && selectors[j].length != chunks[j].length) {
                throw new IllegalArgumentException("a selector needs one entry per row of its chunk");
            }
        }
        LogUpGkr.Challenges ch = LogUpGkr.bind(transcript, table, vars);
        long[] tableValues = tableColumn(table, 0);
        // phi(row) is the row's base value: the leaf denominators alpha - v stay implicit
        List<FractionTree> trees = new ArrayList<>(chunks.length + 1);
        long[][][] columns = new long[chunks.length][][];
        for (int j = 0; j < chunks.length; j++) {
            if (LogUpGkr.hits(ch.alpha(), chunks[j])) {
                throw zeroDenominator();
            }
            long[] selector = selectors == null ? null : selectors[j];
            trees.add(FractionTree.buildShifted(selector == null ? null : MultilinearTable.base(selector), ch.alpha(),
                    chunks[j]));
            columns[j] = new long[][] {chunks[j]};
        }
        if (LogUpGkr.hits(ch.alpha(), tableValues)) {
            throw zeroDenominator();
        }
        trees.add(FractionTree.buildShifted(MultilinearTable.base(counts), ch.alpha(), tableValues));
        return finish(trees, columns, transcript);
    }

    /** The batched GKR of the witness trees and the table tree (last), then the columns at each chunk's leaf point. */
    private static Output finish(List<FractionTree> trees, long[][][] columns, Transcript transcript) {
        FractionalSumProver.BatchOutput sums = FractionalSumProver.prove(trees, transcript);
        List<Ext3> evaluations = new ArrayList<>();
        List<EvaluationClaim> columnClaims = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            long[] point = sums.claims().get(j).leafDenominator().point();
            for (long[] column : columns[j]) {
                Ext3 value = LogUpGkr.evaluate(column, point);
                evaluations.add(value);
                columnClaims.add(new EvaluationClaim(point, value));
            }
        }
        LogUpGkrVerifier.bindEvaluations(transcript, evaluations);
        LogUpGkrProof proof = new LogUpGkrProof(sums.proof(), evaluations);
        return new Output(proof, new LookupClaims(columnClaims, sums.claims().get(columns.length).leafNumerator()));
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
