package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleTree;
import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Ext3Vec;
import io.edgeproof.transcript.Transcript;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hiding commitments and zero-knowledge openings on Basefold (design and simulator argument in
 * commit/README-pcs.md, "Zero knowledge").
 *
 * <p><b>Commit.</b> f (n variables) becomes f' with e extra top variables: block 0 is f, the other 2^e - 1
 * blocks are uniform. f' is encoded as usual and Merkle-committed with a fresh 16-byte salt per leaf. As a
 * univariate, f' = F + X^(2^n) M with M uniform of degree < 2^n (2^e - 1), so any 2^n (2^e - 1) codeword
 * positions of f' are uniform and independent of f; e is the smallest number for which the positions an
 * opening budget can reveal (queries x leaf size per opening) stay within that bound.
 *
 * <p><b>Open.</b> The prover draws a fresh uniform mask G (extension-valued, the size of f'), commits it
 * the same way, sends its weighted values u_c, and then the ordinary folding opening runs on
 * h = sum_i gamma_i f'_i + gamma_G G. Everything that opening reveals is a function of h and of the opened
 * input positions; h is uniform apart from the claimed values, and the opened positions of f' are uniform.
 */
public final class HidingBasefold {
    /** Salt per Merkle leaf of the committed and mask codewords: 128 bits. */
    public static final int SALT_BYTES = 16;

    private HidingBasefold() {}

    /**
     * Extra variables for a hiding commitment to n variables that may be opened {@code openings} times:
     * the smallest e >= 1 with openings * queries * 2^leafArity(n + e) <= 2^n (2^e - 1).
     */
    public static int extraVariables(BasefoldParams params, int numVariables, int openings) {
        if (numVariables < 0 || openings < 1) {
            throw new IllegalArgumentException("need numVariables >= 0 and at least one opening");
        }
        for (int e = 1; numVariables + e <= BasefoldParams.MAX_VARIABLES; e++) {
            if (revealedPositions(params, numVariables + e, openings) <= randomCoefficients(numVariables, e)) {
                return e;
            }
        }
        throw new IllegalArgumentException(openings + " hiding openings of a " + numVariables
                + "-variable polynomial need more than " + BasefoldParams.MAX_VARIABLES + " committed variables");
    }

    /** Upper bound on the input codeword positions {@code openings} openings reveal: whole queried leaves. */
    static long revealedPositions(BasefoldParams params, int committedVariables, int openings) {
        return (long) openings * params.queries() << FoldingSchedule.leafArity(params, committedVariables);
    }

    /** Uniform coefficients of f' (those of M): 2^n (2^e - 1). */
    static long randomCoefficients(int numVariables, int extraVariables) {
        return ((1L << extraVariables) - 1) << numVariables;
    }

    /** A hiding commitment that may be opened once. */
    public static HidingProverData commit(BasefoldParams params, long[] table, SecureRandom random) {
        return commit(params, table, 1, random);
    }

    /** A hiding commitment sized for {@code openings} zero-knowledge openings (each at fresh points). */
    public static HidingProverData commit(BasefoldParams params, long[] table, int openings, SecureRandom random) {
        int n = Multilinear.numVariables(table.length);
        int e = extraVariables(params, n, openings);
        if (revealedPositions(params, n + e, openings) > randomCoefficients(n, e)) {
            throw new IllegalStateException("hiding budget violated: more revealed positions than random coefficients");
        }
        long[] randomised = Arrays.copyOf(table, 1 << (n + e));
        long[] blocks = FieldSampler.uniform(random, randomised.length - table.length);
        System.arraycopy(blocks, 0, randomised, table.length, blocks.length);
        BasefoldProverData data = commitSalted(params, randomised, Encoding.encode(randomised, params.logBlowup()),
                false, random);
        HidingCommitment c = new HidingCommitment(data.commitment().root(), n, e);
        return new HidingProverData(c, table, data, openings);
    }

    private static BasefoldProverData commitSalted(BasefoldParams params, long[] table, long[] codeword,
            boolean extension, SecureRandom random) {
        int vars = Integer.numberOfTrailingZeros(extension ? table.length / 3 : table.length);
        int leaf = FoldingSchedule.leafArity(params, vars);
        MerkleTree tree = MerkleTree.build(codeword, (extension ? 3 : 1) << leaf, params.hash(), SALT_BYTES, random);
        return new BasefoldProverData(new BasefoldCommitment(tree.root(), vars), table, codeword, tree, extension);
    }

    /**
     * Opens a batch of hiding commitments (one size) under the weighted claims, in zero knowledge. The
     * transcript must already hold the commitments and how the points were chosen; this binds them again
     * with the claims. Each polynomial spends one opening of its budget. Claimed values are not checked
     * here: a wrong one yields a rejected proof.
     */
    public static HidingProof open(BasefoldParams params, List<HidingProverData> polys, List<WeightedClaim> claims,
            Transcript transcript, SecureRandom random) {
        List<HidingCommitment> commitments = new ArrayList<>();
        for (HidingProverData d : polys) {
            commitments.add(d.commitment());
        }
        HidingStatement st = new HidingStatement(params, commitments, claims);
        for (HidingProverData d : polys) {
            d.spendOpening();
        }
        st.bind(transcript, params, commitments);
        int vars = st.committedVariables();
        long[] mask = FieldSampler.uniform(random, 3 << vars);
        BasefoldProverData maskData = commitSalted(params, mask, Encoding.encodeExt(mask, params.logBlowup()), true, random);
        byte[] maskRoot = maskData.commitment().root();
        long[] maskValues = maskValues(st, mask);
        HidingStatement.Coefficients k = st.bindMask(transcript, maskRoot, maskValues);

        long[] batched = Ext3Vec.allocate(1 << vars);
        List<BasefoldProverData> inputs = new ArrayList<>();
        for (int i = 0; i < polys.size(); i++) {
            BasefoldProverData d = polys.get(i).randomised();
            EmbeddedBatch.addScaled(batched, d.table(), 0, k.batch()[i]);
            inputs.add(d);
        }
        EmbeddedBatch.addScaledExt(batched, mask, k.batch()[polys.size()]);
        inputs.add(maskData);
        EqSumcheckProver sumcheck = new EqSumcheckProver(batched, false, st.extendedPoints, st.pointCoefficients(k));
        BasefoldProof opening = BasefoldProver.foldAndOpen(params, st.opening, inputs, k.batch(), sumcheck, null, transcript);
        return new HidingProof(maskRoot, maskValues, opening);
    }

    /** u_c = sum_j w_cj G(z_cj, 0^e): only block 0 of the mask is weighted. */
    private static long[] maskValues(HidingStatement st, long[] mask) {
        long[] out = new long[3 * st.claims.size()];
        for (int c = 0; c < st.claims.size(); c++) {
            WeightedClaim claim = st.claims.get(c);
            Ext3 acc = Ext3.ZERO;
            for (int j = 0; j < claim.pointsView().size(); j++) {
                acc = acc.add(claim.weight(j).mul(evaluateBlock(mask, claim.pointsView().get(j))));
            }
            acc.write(out, c);
        }
        return out;
    }

    /**
     * The extension table's value at z (over its first z.length / 3 variables): coordinates that are 0 or 1
     * from the top down select a sub-block, which alone is evaluated (claims on a block of a packed
     * polynomial cost the block's size, not the polynomial's).
     */
    private static Ext3 evaluateBlock(long[] table, long[] z) {
        int vars = z.length / 3;
        int offset = 0;
        int low = vars;
        while (low > 0 && z[3 * low - 2] == 0 && z[3 * low - 1] == 0 && (z[3 * low - 3] == 0 || z[3 * low - 3] == 1)) {
            low--;
            offset |= (int) z[3 * low] << low;
        }
        long[] block = Arrays.copyOfRange(table, 3 * offset, 3 * (offset + (1 << low)));
        return Multilinear.evaluateExt(block, Arrays.copyOf(z, 3 * low));
    }

    /** Bits of security of a hiding opening of {@code polynomials} commitments like this one (with the mask). */
    public static double securityBits(BasefoldParams params, HidingCommitment commitment, int polynomials) {
        return BasefoldSecurity.analyse(params, commitment.committedVariables(), polynomials + 1).bits();
    }
}
