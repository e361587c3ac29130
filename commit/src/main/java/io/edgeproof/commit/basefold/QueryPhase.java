package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.merkle.MerkleReason;
import io.edgeproof.commit.merkle.MerkleShape;
import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.commit.merkle.MerkleVerifier;
import io.edgeproof.field.Ext3;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;
import java.util.List;

/**
 * The query phase: which leaves each query touches, and the verifier's walk down each query chain.
 *
 * <p>A query u is a position of layer 1 (or of layer 0 when nothing is folded). In step s it names the
 * coset of 2^arity(s) positions of layer s that folds into position q_s = u >> (arity(1) + ... + arity(s))
 * of layer s+1, which is also the leaf index of that coset in layer s's tree. A committed polynomial with
 * n_i variables joins the fold at layer size n_i: it contributes the sub-coset the query reaches there,
 * read from the leaf of its own tree that contains it, scaled by gamma_i prod_{k <= n - n_i} (1 - r_k).
 * Layer oracles hold the pure fold; the verifier adds the joining polynomials itself.
 */
final class QueryPhase {
    private QueryPhase() {}

    static MerkleShape inputShape(BasefoldParams p, int numVariables) {
        return inputShape(p, numVariables, false, 0);
    }

    /** Leaves of 2^c base elements, or 2^c extension elements for an extension codeword, with salts. */
    static MerkleShape inputShape(BasefoldParams p, int numVariables, boolean extension, int saltBytes) {
        int c = FoldingSchedule.leafArity(p, numVariables);
        return new MerkleShape(1 << (numVariables + p.logBlowup() - c), (extension ? 3 : 1) << c, saltBytes);
    }

    static MerkleShape inputShape(BasefoldParams p, OpeningStatement st, int i) {
        return inputShape(p, st.numVariables[i], st.extensionInputs[i], st.inputSaltBytes);
    }

    static MerkleShape layerShape(FoldingSchedule schedule, int s) {
        int a = schedule.arity(s);
        return new MerkleShape(1 << (schedule.logLength(schedule.layerVariables(s)) - a), 3 << a, 0);
    }

    /** First position of the sub-coset that query u reaches at the layer with {@code vars} variables. */
    static int joinPosition(FoldingSchedule schedule, int u, int vars) {
        int steps = schedule.steps();
        if (vars == schedule.finalVariables()) {
            return steps == 0 ? u : schedule.positionAfterStep(u, steps - 1);
        }
        int s = 0;
        while (schedule.layerVariables(s + 1) >= vars) {
            s++;
        }
        return schedule.positionAfterStep(u, s) << (vars - schedule.layerVariables(s + 1));
    }

    static int[] inputLeaves(BasefoldParams p, FoldingSchedule schedule, int[] queries, int vars) {
        int c = FoldingSchedule.leafArity(p, vars);
        int[] leaves = new int[queries.length];
        for (int k = 0; k < queries.length; k++) {
            leaves[k] = joinPosition(schedule, queries[k], vars) >>> c;
        }
        return MerkleTree.sortedDistinct(leaves);
    }

    static int[] layerLeaves(FoldingSchedule schedule, int[] queries, int s) {
        int[] leaves = new int[queries.length];
        for (int k = 0; k < queries.length; k++) {
            leaves[k] = schedule.positionAfterStep(queries[k], s);
        }
        return MerkleTree.sortedDistinct(leaves);
    }

    /**
     * Everything the verifier checks after drawing the queries, one layer at a time: a committed layer's
     * opened cosets arrive without the entries the queries' folds of the previous layer give (see
     * {@link #withoutDerived}); the verifier puts its folded values there, then checks the cosets' Merkle
     * paths, so a layer that does not follow the fold fails its path.
     */
    static void verify(BasefoldParams p, OpeningStatement st, List<BasefoldCommitment> commitments, Ext3[] scales,
            Ext3[] foldChallenges, BasefoldProof proof, int[] queries) throws VerificationException {
        FoldingSchedule schedule = st.schedule;
        int polys = st.polynomials();
        int[][] inputIdx = new int[polys][];
        for (int i = 0; i < polys; i++) {
            inputIdx[i] = inputLeaves(p, schedule, queries, st.numVariables[i]);
            checkPath(commitments.get(i).root(), inputShape(p, st, i), inputIdx[i],
                    proof.inputOpenings().get(i), p, "polynomial " + i);
        }
        Ext3[] carried = new Ext3[queries.length];
        for (int s = 0; s < schedule.steps(); s++) {
            long[] rows = null;
            int[] leaves = null;
            if (s > 0) {
                leaves = layerLeaves(schedule, queries, s);
                MerkleMultiProof opening = proof.layerOpenings().get(s - 1);
                rows = withDerived(schedule, queries, s, leaves, opening.rows(), carried);
                checkPath(proof.layerRoots().get(s - 1), layerShape(schedule, s), leaves,
                        new MerkleMultiProof(rows, opening.salts(), opening.siblings()), p, "layer " + s);
            }
            for (int k = 0; k < queries.length; k++) {
                carried[k] = step(p, st, scales, foldChallenges, proof, queries[k], s, rows, leaves, inputIdx);
            }
        }
        FoldingSchedule sch = schedule;
        int last = sch.finalVariables();
        for (int k = 0; k < queries.length; k++) {
            int u = queries[k];
            int pos = joinPosition(sch, u, last);
            Ext3[] value = {sch.steps() == 0 ? Ext3.ZERO : carried[k]};
            join(p, st, scales, proof, inputIdx, last, pos, 1, value);
            Ext3 expected = Encoding.evaluateUnivariate(proof.finalPolynomial(),
                    CodewordFolding.point(sch.logLength(last), pos));
            if (!expected.equals(value[0])) {
                throw new VerificationException(BasefoldReason.FINAL_POLYNOMIAL_MISMATCH,
                        "query " + u + ": folded value differs from the final polynomial at position " + pos);
            }
        }
    }

    /**
     * Query u's step s: the coset of layer s it reaches (zero on layer 0, which is only the joining
     * polynomials; else from the layer's full rows), the polynomials that join on the way, folded down to
     * its position of layer s + 1.
     */
    private static Ext3 step(BasefoldParams p, OpeningStatement st, Ext3[] scales, Ext3[] foldChallenges,
            BasefoldProof proof, int u, int s, long[] rows, int[] leaves, int[][] inputIdx) {
        FoldingSchedule schedule = st.schedule;
        int n = schedule.numVariables();
        int a = schedule.arity(s);
        int next = schedule.layerVariables(s + 1);
        int qs = schedule.positionAfterStep(u, s);
        Ext3[] vals = new Ext3[1 << a];
        if (s == 0) {
            Arrays.fill(vals, Ext3.ZERO);
        } else {
            int first = Arrays.binarySearch(leaves, qs) << a; // rows were checked canonical
            for (int t = 0; t < vals.length; t++) {
                vals[t] = Ext3.read(rows, first + t);
            }
        }
        for (int v = schedule.layerVariables(s); v > next; v--) {
            int size = 1 << (v - next);
            int start = qs << (v - next);
            join(p, st, scales, proof, inputIdx, v, start, size, vals);
            int b = schedule.logLength(v);
            Ext3 r = foldChallenges[n - v];
            for (int t = 0; t < size / 2; t++) {
                long xInv = CodewordFolding.pairPointInverse(b, start / 2 + t);
                vals[t] = CodewordFolding.foldPair(vals[2 * t], vals[2 * t + 1], xInv, r);
            }
        }
        return vals[0];
    }

    /**
     * Per entry of the opened cosets of layer s >= 1 (sorted leaves, 2^arity entries each), whether some
     * query's fold of layer s - 1 lands there: the verifier computes those entries, so they are not sent.
     */
    static boolean[] derived(FoldingSchedule schedule, int[] queries, int s, int[] leaves) {
        int a = schedule.arity(s);
        boolean[] out = new boolean[leaves.length << a];
        for (int u : queries) {
            int slot = schedule.positionAfterStep(u, s - 1) & ((1 << a) - 1);
            out[(Arrays.binarySearch(leaves, schedule.positionAfterStep(u, s)) << a) + slot] = true;
        }
        return out;
    }

    /** The prover's layer opening without the entries the verifier derives. */
    static MerkleMultiProof withoutDerived(FoldingSchedule schedule, int[] queries, int s, int[] leaves,
            MerkleMultiProof full) {
        boolean[] skip = derived(schedule, queries, s, leaves);
        long[] rows = full.rows();
        long[] kept = new long[rows.length];
        int n = 0;
        for (int e = 0; e < skip.length; e++) {
            if (!skip[e]) {
                System.arraycopy(rows, 3 * e, kept, n, 3);
                n += 3;
            }
        }
        return new MerkleMultiProof(Arrays.copyOf(kept, n), full.salts(), full.siblings());
    }

    /**
     * The full rows of layer s's opened cosets: the sent entries in order, and at each derived entry the
     * value the query reaching it carries (queries reaching one entry come from one position of layer
     * s - 1, so they carry the same value).
     */
    private static long[] withDerived(FoldingSchedule schedule, int[] queries, int s, int[] leaves, long[] sent,
            Ext3[] carried) throws VerificationException {
        int a = schedule.arity(s);
        boolean[] derived = derived(schedule, queries, s, leaves);
        int missing = 0;
        for (boolean d : derived) {
            missing += d ? 1 : 0;
        }
        if (sent.length != 3 * (derived.length - missing)) {
            throw new VerificationException(BasefoldReason.SHAPE_MISMATCH, "layer " + s + " sends " + sent.length / 3
                    + " values for " + (derived.length - missing) + " entries");
        }
        long[] rows = new long[3 * derived.length];
        for (int k = 0; k < queries.length; k++) {
            int u = queries[k];
            int e = (Arrays.binarySearch(leaves, schedule.positionAfterStep(u, s)) << a)
                    + (schedule.positionAfterStep(u, s - 1) & ((1 << a) - 1));
            carried[k].write(rows, e);
        }
        int next = 0;
        for (int e = 0; e < derived.length; e++) {
            if (!derived[e]) {
                System.arraycopy(sent, next, rows, 3 * e, 3);
                next += 3;
            }
        }
        return rows;
    }

    /** vals[t] += scale_i C_i[start + t] for every polynomial joining at {@code vars} variables. */
    private static void join(BasefoldParams p, OpeningStatement st, Ext3[] scales, BasefoldProof proof,
            int[][] inputIdx, int vars, int start, int size, Ext3[] vals) {
        for (int i = 0; i < st.polynomials(); i++) {
            if (st.numVariables[i] != vars) {
                continue;
            }
            int c = FoldingSchedule.leafArity(p, vars);
            long[] rows = proof.inputOpenings().get(i).rows();
            int off = Arrays.binarySearch(inputIdx[i], start >>> c) * (1 << c) + (start & ((1 << c) - 1));
            for (int t = 0; t < size; t++) {
                Ext3 term = st.extensionInputs[i] ? scales[i].mul(Ext3.read(rows, off + t)) : scales[i].mulBase(rows[off + t]);
                vals[t] = vals[t].add(term);
            }
        }
    }

    private static void checkPath(byte[] root, MerkleShape shape, int[] idx, MerkleMultiProof opening,
            BasefoldParams p, String what) throws VerificationException {
        try {
            MerkleVerifier.verify(root, shape, idx, opening, p.hash());
        } catch (VerificationException e) {
            MerkleReason why = (MerkleReason) e.reason();
            throw new VerificationException(BasefoldReason.MERKLE_PATH_INVALID, what + ": " + why + " " + e.getMessage());
        }
    }
}
