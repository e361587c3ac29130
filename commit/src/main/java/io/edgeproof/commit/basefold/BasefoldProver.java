package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.field.Goldilocks.BranchFree;
import io.edgeproof.field.Parallel;
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
    private static final int PARALLEL_MIN = 1 << 12;

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
        if (red != null) {
            sumcheck = new EqSumcheckProver(embeddedSum(st, tables, gamma), false, List.of(red.point()),
                    new Ext3[] {Ext3.ONE});
        } else {
            Ext3[] beta = OpeningStatement.leadingOneCoefficients(transcript, OpeningStatement.POINT_COEFFS, st.points.size());
            sumcheck = count == 1 ? new EqSumcheckProver(tables.get(0), true, st.points, beta)
                    : new EqSumcheckProver(embeddedSum(st, tables, gamma), false, st.points, beta);
        }
        return foldAndOpen(params, st, polys, gamma, sumcheck, red, transcript);
    }

    /**
     * The folding sumcheck on the batched codeword sum_i gamma_i C_i (the sumcheck prover already holds
     * the batched table and the weight), the final polynomial, grinding, queries and Merkle openings.
     * Shared by the plain and the hiding opening; inputs may be base or extension codewords.
     */
    static BasefoldProof foldAndOpen(BasefoldParams params, OpeningStatement st, List<BasefoldProverData> polys,
            Ext3[] gamma, EqSumcheckProver sumcheck, PointReduction.Result red, Transcript transcript) {
        int count = polys.size();
        int[] nv = st.numVariables;
        FoldingSchedule sch = st.schedule;
        int n = sch.numVariables();
        int lastCommitted = sch.committedLayers() == 0 ? n + 1 : sch.layerVariables(sch.committedLayers());
        long[] codeword = null; // built at the first committed or joined layer
        long[] foldRounds = new long[9 * sch.rounds()];
        long[] challenges = new long[3 * sch.rounds()];
        List<byte[]> roots = new ArrayList<>();
        List<MerkleTree> layerTrees = new ArrayList<>();
        List<Ext3> pending = new ArrayList<>();
        for (int j = 0; j < sch.rounds(); j++) {
            int v = n - j;
            long[] h = sumcheck.roundValues();
            System.arraycopy(h, 0, foldRounds, 9 * j, 9);
            transcript.exts(OpeningStatement.ROUND, h);
            Ext3 r = transcript.challengeExt(OpeningStatement.FOLD_CHALLENGE);
            r.write(challenges, j);
            sumcheck.bind(r);
            if (v > lastCommitted) {
                // fold lazily: only layers that get committed or joined by a smaller polynomial are built
                pending.add(r);
                int layer = layerIndex(sch, v - 1);
                boolean joins = v - 1 > lastCommitted && joinsAt(st, v - 1);
                if (layer > 0 || joins) {
                    Ext3[] rs = pending.toArray(new Ext3[0]);
                    codeword = codeword == null ? foldTop(st, polys, gamma, rs) : CodewordFolding.foldRounds(codeword, false, rs);
                    pending.clear();
                }
                if (layer > 0) {
                    MerkleTree tree = MerkleTree.build(codeword, 3 << sch.arity(layer), params.hash());
                    roots.add(tree.root());
                    layerTrees.add(tree);
                    transcript.bytes(OpeningStatement.LAYER_ROOT, tree.root());
                }
                if (joins) {
                    // a committed layer's tree keeps its rows for the openings: join into a copy
                    codeword = layer > 0 ? codeword.clone() : codeword;
                    joinSmaller(st, polys, gamma, challenges, v - 1, codeword);
                }
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
            layerOpenings.add(layerTrees.get(s - 1).open(QueryPhase.layerLeaves(sch, queries, s)));
        }
        return new BasefoldProof(red == null ? new long[0] : red.rounds(), red == null ? new long[0] : red.values(),
                foldRounds, roots, finalPolynomial, nonce, inputOpenings, layerOpenings);
    }

    /** The index s in [1, L-1] of the committed layer with {@code vars} variables, or 0 if none. */
    private static int layerIndex(FoldingSchedule sch, int vars) {
        for (int s = 1; s <= sch.committedLayers(); s++) {
            if (sch.layerVariables(s) == vars) {
                return s;
            }
        }
        return 0;
    }

    private static boolean joinsAt(OpeningStatement st, int vars) {
        for (int v : st.numVariables) {
            if (v == vars) {
                return true;
            }
        }
        return false;
    }

    /** P[b] = sum_i gamma_i [b_1..b_{d_i} = 0] f_i(b >> d_i), an extension table over n variables. */
    private static long[] embeddedSum(OpeningStatement st, List<long[]> tables, Ext3[] gamma) {
        long[] out = Ext3Vec.allocate(1 << st.maxVariables);
        for (int i = 0; i < tables.size(); i++) {
            addScaled(out, tables.get(i), st.offset(i), gamma[i]);
        }
        return out;
    }

    /** out[k << shift] += s * base[k] for every k (out interleaved extension, base a base-field vector). */
    static void addScaled(long[] out, long[] base, int shift, Ext3 s) {
        long s0 = s.c0(), s1 = s.c1(), s2 = s.c2();
        Parallel.forRange(base.length, PARALLEL_MIN, (from, to) -> {
            for (int k = from; k < to; k++) {
                int e = 3 * (k << shift);
                long x = base[k];
                out[e] = BranchFree.add(out[e], BranchFree.mul(x, s0));
                out[e + 1] = BranchFree.add(out[e + 1], BranchFree.mul(x, s1));
                out[e + 2] = BranchFree.add(out[e + 2], BranchFree.mul(x, s2));
            }
        });
    }

    /**
     * The first folded layer, sum_i gamma_i fold(C_i) over the largest polynomials: folding is linear, so
     * each base codeword takes the fast base-field path and only the folded results are combined.
     */
    private static long[] foldTop(OpeningStatement st, List<BasefoldProverData> polys, Ext3[] gamma, Ext3[] r) {
        long[] acc = null;
        for (int i = 0; i < polys.size(); i++) {
            if (st.numVariables[i] != st.maxVariables) {
                continue;
            }
            BasefoldProverData d = polys.get(i);
            long[] folded = CodewordFolding.foldRounds(d.codeword(), !d.extension(), r);
            if (acc == null && gamma[i].equals(Ext3.ONE)) {
                acc = folded;
            } else if (acc == null) {
                acc = new long[folded.length];
                addScaledExt(acc, folded, gamma[i]);
            } else {
                addScaledExt(acc, folded, gamma[i]);
            }
        }
        return acc;
    }

    /** out += s * v for interleaved extension vectors. */
    static void addScaledExt(long[] out, long[] v, Ext3 s) {
        long s0 = s.c0(), s1 = s.c1(), s2 = s.c2();
        Parallel.forRange(v.length / 3, PARALLEL_MIN, (from, to) -> {
            for (int k = from; k < to; k++) {
                int e = 3 * k;
                long a0 = v[e], a1 = v[e + 1], a2 = v[e + 2];
                out[e] = BranchFree.add(out[e], ExtMath.mul0(a0, a1, a2, s0, s1, s2));
                out[e + 1] = BranchFree.add(out[e + 1], ExtMath.mul1(a0, a1, a2, s0, s1, s2));
                out[e + 2] = BranchFree.add(out[e + 2], ExtMath.mul2(a0, a1, a2, s0, s1, s2));
            }
        });
    }

    /** Adds gamma_i prod_{k < d_i} (1 - r_k) C_i for every polynomial with {@code vars} variables. */
    private static void joinSmaller(OpeningStatement st, List<BasefoldProverData> polys, Ext3[] gamma,
            long[] challenges, int vars, long[] codeword) {
        for (int i = 0; i < polys.size(); i++) {
            if (st.numVariables[i] == vars) {
                Ext3 scale = gamma[i].mul(OpeningStatement.zeroPrefixWeight(challenges, st.offset(i)));
                BasefoldProverData d = polys.get(i);
                if (d.extension()) {
                    addScaledExt(codeword, d.codeword(), scale);
                } else {
                    addScaled(codeword, d.codeword(), 0, scale);
                }
            }
        }
    }
}
