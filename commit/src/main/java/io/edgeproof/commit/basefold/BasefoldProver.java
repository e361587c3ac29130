package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.transcript.Transcript;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits to multilinear polynomials and opens batches of them.
 *
 * <p>Opening, after the claims are bound: (point reduction if needed, see {@link PointReduction}), then
 * the folding sumcheck on sum_b P(b) W(b), P = sum_i gamma_i E_i f_i the batched polynomial and W the
 * weighted eq of the claim points. Each round's challenge also folds the batched codeword; every k rounds
 * the folded codeword is Merkle-committed, and polynomials of smaller size join the codeword when it
 * reaches their length. When P has finalLogSize variables left its coefficients are sent in the clear.
 * Then grinding, the queries, and the Merkle openings of every coset they touch.
 */
public final class BasefoldProver {

    private BasefoldProver() {}

    /** Commits to a multilinear polynomial given by its 2^n evaluations over the hypercube. */
    public static BasefoldProverData commit(BasefoldParams params, long[] table) {
        int n = Multilinear.numVariables(table.length);
        if (n > BasefoldParams.MAX_VARIABLES) {
            throw new IllegalArgumentException("at most 2^" + BasefoldParams.MAX_VARIABLES + " evaluations");
        }
        long[] codeword = Encoding.encode(table, params.logBlowup());
        int leaf = FoldingSchedule.leafArity(params, n);
        MerkleTree tree = MerkleTree.build(codeword, 1 << leaf, params.hash());
        return new BasefoldProverData(new BasefoldCommitment(tree.root(), n), table, codeword, tree);
    }

    /** Opens one polynomial at several points (the claims' polynomial index must be 0). */
    public static BasefoldProof open(BasefoldParams params, BasefoldProverData poly, List<EvaluationClaim> claims,
            Transcript transcript) {
        return open(params, List.of(poly), claims, transcript);
    }

    /**
     * Opens a batch: {@code claims} refer to {@code polys} by index. The transcript must already hold
     * the commitments and how the points were chosen; this binds them again with the claimed values
     * before drawing anything. Claimed values are not checked here: a wrong one yields a rejected proof.
     */
    public static BasefoldProof open(BasefoldParams params, List<BasefoldProverData> polys, List<EvaluationClaim> claims,
            Transcript transcript) {
        int count = polys.size();
        int[] nv = new int[count];
        List<BasefoldCommitment> commitments = new ArrayList<>();
        List<long[]> tables = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nv[i] = polys.get(i).numVariables();
            commitments.add(polys.get(i).commitment());
            tables.add(polys.get(i).table());
        }
        OpeningStatement st = new OpeningStatement(params, nv, claims);
        st.bind(transcript, params, commitments);
        PointReduction.Result red = st.reduce ? PointReduction.prove(st, tables, transcript) : null;
        Ext3[] gamma = OpeningStatement.leadingOneCoefficients(transcript, OpeningStatement.BATCH_COEFFS, count);
        EqSumcheckProver sumcheck;
        int[] shifts = new int[count];
        for (int i = 0; i < count; i++) {
            shifts[i] = st.offset(i);
        }
        EmbeddedBatch batch = new EmbeddedBatch(tables, shifts, gamma, st.maxVariables);
        if (red != null) {
            sumcheck = new EqSumcheckProver(batch, List.of(red.point()), new Ext3[] {Ext3.ONE});
        } else {
            Ext3[] beta = OpeningStatement.leadingOneCoefficients(transcript, OpeningStatement.POINT_COEFFS, st.points.size());
            sumcheck = count == 1 ? new EqSumcheckProver(tables.get(0), true, st.points, beta)
                    : new EqSumcheckProver(batch, st.points, beta);
        }
        return foldAndOpen(params, st, polys, gamma, sumcheck, red, transcript);
    }

    /**
     * The folding sumcheck on the batched polynomial P = sum_i gamma_i E_i f_i (the sumcheck prover already
     * holds P's table and the weight), the committed layers, the final polynomial, grinding, queries and
     * Merkle openings. Shared by the plain and the hiding opening; inputs may be base or extension codewords.
     *
     * <p>A committed layer is the batched codeword folded by the challenges so far, with the polynomials
     * that have joined. Folding is fixing variables on the coefficients (see {@link CodewordFolding}), so
     * that layer is the encoding of the sumcheck's bound table minus the polynomials that have not joined
     * yet: re-encoding those 2^v values costs 3 NTTs of size 2^v per blowup block, several times less
     * than folding the 2^(v + k + R) positions of the previous layer.
     */
    static BasefoldProof foldAndOpen(BasefoldParams params, OpeningStatement st, List<BasefoldProverData> polys,
            Ext3[] gamma, EqSumcheckProver sumcheck, PointReduction.Result red, Transcript transcript) {
        int count = polys.size();
        int[] nv = st.numVariables;
        FoldingSchedule sch = st.schedule;
        int n = sch.numVariables();
        long[] foldRounds = new long[9 * sch.rounds()];
        long[] challenges = new long[3 * sch.rounds()];
        List<byte[]> roots = new ArrayList<>();
        List<MerkleTree> layerTrees = new ArrayList<>();
        int nextLayer = 1;
        for (int j = 0; j < sch.rounds(); j++) {
            long[] h = sumcheck.roundValues();
            System.arraycopy(h, 0, foldRounds, 9 * j, 9);
            transcript.exts(OpeningStatement.ROUND, h);
            Ext3 r = transcript.challengeExt(OpeningStatement.FOLD_CHALLENGE);
            r.write(challenges, j);
            sumcheck.bind(r);
            if (nextLayer <= sch.committedLayers() && sch.layerVariables(nextLayer) == n - j - 1) {
                long[] codeword = layerCodeword(params, st, polys, gamma, challenges, j + 1, sumcheck.table());
                MerkleTree tree = MerkleTree.build(codeword, 3 << sch.arity(nextLayer), params.hash());
                roots.add(tree.root());
                layerTrees.add(tree);
                transcript.bytes(OpeningStatement.LAYER_ROOT, tree.root());
                nextLayer++;
            }
        }
        long[] finalPolynomial = sumcheck.isBase() ? Ext3Vec.fromBase(sumcheck.table()) : sumcheck.table().clone();
        Encoding.moebiusExt(finalPolynomial);
        transcript.exts(OpeningStatement.FINAL, finalPolynomial);
        long nonce = transcript.grind(params.grindingBits());
        int[] queries = transcript.challengeIndices(OpeningStatement.QUERIES, params.queries(), 1 << sch.queryLogBound());
        List<MerkleMultiProof> inputOpenings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputOpenings.add(polys.get(i).tree().open(QueryPhase.inputLeaves(params, sch, queries, nv[i])));
        }
        List<MerkleMultiProof> layerOpenings = new ArrayList<>();
        for (int s = 1; s <= sch.committedLayers(); s++) {
            int[] leaves = QueryPhase.layerLeaves(sch, queries, s);
            layerOpenings.add(QueryPhase.withoutDerived(sch, queries, s, leaves, layerTrees.get(s - 1).open(leaves)));
        }
        return new BasefoldProof(red == null ? new long[0] : red.rounds(), red == null ? new long[0] : red.values(),
                foldRounds, roots, finalPolynomial, nonce, inputOpenings, layerOpenings);
    }

    /**
     * The layer after {@code bound} folds: the encoding of the bound table (extension, 2^v entries) without
     * the polynomials of at most v variables, which sit in it at positions k 2^(d_i - bound) with weight
     * gamma_i prod_{k < bound} (1 - r_k). Layer oracles hold the pure fold: the verifier adds a polynomial
     * itself once the fold reaches its length (see {@link QueryPhase}).
     */
    private static long[] layerCodeword(BasefoldParams params, OpeningStatement st, List<BasefoldProverData> polys,
            Ext3[] gamma, long[] challenges, int bound, long[] table) {
        int v = st.maxVariables - bound;
        long[] joined = table.clone();
        for (int i = 0; i < polys.size(); i++) {
            if (st.numVariables[i] <= v) {
                Ext3 scale = gamma[i].mul(OpeningStatement.zeroPrefixWeight(challenges, bound)).neg();
                EmbeddedBatch.addScaled(joined, polys.get(i).table(), st.offset(i) - bound, scale);
            }
        }
        return Encoding.encodeExt(joined, params.logBlowup());
    }
}
