package io.edgeproof.iop.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.gkr.FractionLayerProof;
import io.edgeproof.iop.gkr.FractionalSumProof;
import io.edgeproof.iop.gkr.GkrReason;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogUpGkrTest {
    private static final RangeTable BYTE = new RangeTable(8);

    /** A 2-column table of (x, x^3 mod 251) for x < 16: the shape of an activation table. */
    static ExplicitTable cubeTable() {
        long[][] cols = new long[2][16];
        for (int x = 0; x < 16; x++) {
            cols[0][x] = x;
            cols[1][x] = (long) x * x * x % 251;
        }
        return new ExplicitTable("cube-mod-251", cols);
    }

    static long[][] randomRows(LookupTable table, int n, SplittableRandom rnd) {
        long[][] cols = new long[table.numColumns()][n];
        for (int i = 0; i < n; i++) {
            int row = rnd.nextInt(table.size());
            for (int c = 0; c < cols.length; c++) {
                cols[c][i] = table.entry(c, row);
            }
        }
        return cols;
    }

    /** Proves, verifies and discharges the claims against the witness itself (a trivial opener). */
    static LookupClaims proveVerifyDischarge(LookupTable table, LookupWitness witness) throws VerificationException {
        LogUpGkrProver.Output out = LogUpGkrProver.prove(table, witness, Fixtures.transcript());
        LookupClaims claims = LogUpGkrVerifier.verify(table, witness.numVariables(), out.proof(), Fixtures.transcript());
        assertThat(claims).isEqualTo(out.claims());
        discharge(claims, witness);
        return claims;
    }

    static void discharge(LookupClaims claims, LookupWitness witness) throws VerificationException {
        long[][] cols = witness.columns();
        for (int c = 0; c < cols.length; c++) {
            EvaluationClaim claim = claims.witnessColumns().get(c);
            claim.requireValue(Multilinear.evaluate(cols[c], claim.point()));
        }
        claims.multiplicities().requireValue(Multilinear.evaluate(witness.multiplicities(), claims.multiplicities().point()));
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 17, 1000})
    void singleColumnLookupsOfAnySizeAreComplete(int n) throws VerificationException {
        LookupWitness w = LookupWitness.of(BYTE, randomRows(BYTE, n, new SplittableRandom(n)));
        assertThat(w.numVariables()).isEqualTo(LogUpGkr.paddedVariables(n));
        proveVerifyDischarge(BYTE, w);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 64})
    void multiColumnLookupsAreComplete(int n) throws VerificationException {
        ExplicitTable table = cubeTable();
        proveVerifyDischarge(table, LookupWitness.of(table, randomRows(table, n, new SplittableRandom(n))));
    }

    @Test
    void paddingRepeatsRowZeroAndIsCounted() {
        LookupWitness w = LookupWitness.of(BYTE, new long[][] {{7, 9, 7}});
        assertThat(w.columns()[0]).containsExactly(7, 9, 7, 0);
        assertThat(w.multiplicities()[0]).isEqualTo(1);
        assertThat(w.multiplicities()[7]).isEqualTo(2);
        assertThat(w.multiplicities()[9]).isEqualTo(1);
    }

    @Test
    void honestProverRefusesAValueNotInTheTable() {
        assertThatThrownBy(() -> LookupWitness.of(BYTE, new long[][] {{3, 256, 5}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    }

    /** The prover runs on a witness with a value outside the table, with the multiplicities of the witness it
     *  pretends to have: the verifier must not accept. */
    @Test
    void rejectsWitnessValueNotInTable() {
        long[][] good = randomRows(BYTE, 8, new SplittableRandom(1));
        LookupWitness honest = LookupWitness.of(BYTE, good);
        long[][] bad = honest.columns();
        bad[0][3] = 256;
        LookupWitness cheating = new LookupWitness(bad, honest.multiplicities());
        LogUpGkrProof proof = LogUpGkrProver.prove(BYTE, cheating, Fixtures.transcript()).proof();
        assertRejected(() -> LogUpGkrVerifier.verify(BYTE, 3, proof, Fixtures.transcript()), LookupReason.SUMS_DIFFER);
    }

    @Test
    void rejectsWrongMultiplicities() {
        LookupWitness honest = LookupWitness.of(BYTE, randomRows(BYTE, 8, new SplittableRandom(2)));
        long[] m = honest.multiplicities();
        int from = 0;
        while (m[from] == 0) {
            from++;
        }
        m[from]--;
        m[(from + 1) % m.length]++;
        LogUpGkrProof proof = LogUpGkrProver.prove(BYTE, new LookupWitness(honest.columns(), m), Fixtures.transcript()).proof();
        assertRejected(() -> LogUpGkrVerifier.verify(BYTE, 3, proof, Fixtures.transcript()), LookupReason.SUMS_DIFFER);
    }

    private final ExplicitTable table = cubeTable();
    private final LookupWitness witness = LookupWitness.of(table, randomRows(table, 6, new SplittableRandom(3)));
    private final LogUpGkrProof honest = LogUpGkrProver.prove(table, witness, Fixtures.transcript()).proof();

    private void verify(LogUpGkrProof proof) throws VerificationException {
        discharge(LogUpGkrVerifier.verify(table, 3, proof, Fixtures.transcript()), witness);
    }

    @Test
    void acceptsHonestProof() throws VerificationException {
        verify(honest);
    }

    @Test
    void rejectsTamperedWitnessEvaluation() {
        for (int c = 0; c < 2; c++) {
            List<Ext3> evals = new ArrayList<>(honest.witnessEvaluations());
            evals.set(c, evals.get(c).add(Ext3.ONE));
            LogUpGkrProof bad = new LogUpGkrProof(honest.sums(), evals);
            assertRejected(() -> verify(bad), LookupReason.WITNESS_LEAF_MISMATCH);
        }
    }

    @Test
    void rejectsWrongNumberOfWitnessEvaluations() {
        LogUpGkrProof bad = new LogUpGkrProof(honest.sums(), honest.witnessEvaluations().subList(0, 1));
        assertRejected(() -> verify(bad), LookupReason.WRONG_SHAPE);
    }

    @Test
    void rejectsZeroRootDenominators() {
        FractionalSumProof s = honest.sums();
        LogUpGkrProof bad = new LogUpGkrProof(new FractionalSumProof(List.of(Ext3.ZERO, Ext3.ONE),
                List.of(Ext3.ZERO, Ext3.ZERO), s.layers()), honest.witnessEvaluations());
        assertRejected(() -> verify(bad), LookupReason.ZERO_DENOMINATOR);
    }

    @Test
    void rejectsRootsScaledTogether() {
        // P/Q is unchanged when both are scaled, so the sums still agree: the GKR layers catch it
        FractionalSumProof s = honest.sums();
        Ext3 two = Ext3.ofBase(2);
        LogUpGkrProof bad = new LogUpGkrProof(new FractionalSumProof(
                List.of(s.rootNumerators().get(0), s.rootNumerators().get(1).mul(two)),
                List.of(s.rootDenominators().get(0), s.rootDenominators().get(1).mul(two)), s.layers()),
                honest.witnessEvaluations());
        assertRejected(() -> verify(bad), GkrReason.LAYER_MISMATCH);
    }

    @Test
    void rejectsTamperedGkrLayerMessageOfEitherTree() {
        for (int tree = 0; tree < 2; tree++) {
            FractionalSumProof s = honest.sums();
            List<FractionLayerProof> layers = new ArrayList<>(s.layers());
            FractionLayerProof l = layers.get(2);
            List<Ext3> children = new ArrayList<>(l.children());
            children.set(4 * tree + 3, children.get(4 * tree + 3).add(Ext3.ONE));
            layers.set(2, new FractionLayerProof(l.sumcheck(), children));
            FractionalSumProof tampered = new FractionalSumProof(s.rootNumerators(), s.rootDenominators(), layers);
            LogUpGkrProof bad = new LogUpGkrProof(tampered, honest.witnessEvaluations());
            assertRejected(() -> verify(bad), GkrReason.LAYER_MISMATCH);
        }
    }

    @Test
    void rejectsALayerWithoutTheTableTreesChildren() {
        FractionalSumProof s = honest.sums();
        List<FractionLayerProof> layers = new ArrayList<>(s.layers());
        FractionLayerProof l = layers.get(1);
        layers.set(1, new FractionLayerProof(l.sumcheck(), l.children().subList(0, 4)));
        LogUpGkrProof bad = new LogUpGkrProof(new FractionalSumProof(s.rootNumerators(), s.rootDenominators(), layers),
                honest.witnessEvaluations());
        assertRejected(() -> verify(bad), GkrReason.WRONG_LAYER_COUNT);
    }

    @Test
    void rejectsProofForAnotherTableWithTheSameName() {
        long[][] cols = new long[2][16];
        for (int x = 0; x < 16; x++) {
            cols[0][x] = x;
            cols[1][x] = (long) x * x % 251; // squares, not cubes
        }
        ExplicitTable impostor = new ExplicitTable("cube-mod-251", cols);
        assertRejected(() -> LogUpGkrVerifier.verify(impostor, 3, honest, Fixtures.transcript()),
                LookupReason.TABLE_LEAF_MISMATCH);
    }

    @Test
    void rejectsClaimsDischargedAgainstAnotherWitness() throws VerificationException {
        LookupClaims claims = LogUpGkrVerifier.verify(table, 3, honest, Fixtures.transcript());
        LookupWitness other = LookupWitness.of(table, randomRows(table, 6, new SplittableRandom(4)));
        assertRejected(() -> discharge(claims, other), GkrReason.EVALUATION_MISMATCH);
    }

    @Test
    void roundTripsBytesAndRejectsMalformedOnes() throws MalformedProofException {
        byte[] bytes = honest.toBytes();
        assertThat(LogUpGkrProof.fromBytes(bytes, 3, 4, 2)).isEqualTo(honest);
        for (int len = 0; len < bytes.length; len += 11) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> LogUpGkrProof.fromBytes(cut, 3, 4, 2)).isInstanceOf(MalformedProofException.class);
        }
        assertThatThrownBy(() -> LogUpGkrProof.fromBytes(Arrays.copyOf(bytes, bytes.length + 8), 3, 4, 2))
                .isInstanceOf(MalformedProofException.class);
        byte[] nonCanonical = bytes.clone();
        Arrays.fill(nonCanonical, 5, 13, (byte) 0xFF);
        assertThatThrownBy(() -> LogUpGkrProof.fromBytes(nonCanonical, 3, 4, 2)).isInstanceOf(MalformedProofException.class);
    }

    /**
     * With three columns, phi(row) = row_0 + beta row_1 + beta^2 row_2 spans the extension, so a row with
     * phi(row) = alpha exists; the challenges depend only on the table's name and shape, so such a table can
     * be built after the fact. The honest prover must refuse cleanly, not divide by zero or emit a proof.
     */
    @Test
    void proverRefusesWhenAlphaHitsATableRow() {
        long[][] cols = new long[3][4];
        ExplicitTable probe = new ExplicitTable("collide", cols);
        Transcript t = Fixtures.transcript();
        LogUpGkr.Challenges ch = LogUpGkr.bind(t, probe, new int[] {0});
        long[] row = solveForRow(ch.alpha(), ch.beta());
        for (int c = 0; c < 3; c++) {
            cols[c][1] = row[c];
        }
        ExplicitTable colliding = new ExplicitTable("collide", cols);
        LookupWitness w = LookupWitness.of(colliding, new long[][] {{0}, {0}, {0}});
        assertThatThrownBy(() -> LogUpGkrProver.prove(colliding, w, Fixtures.transcript()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("alpha");
    }

    /** (r0, r1, r2) in the base field with r0 + beta r1 + beta^2 r2 = alpha, by Cramer's rule. */
    private static long[] solveForRow(Ext3 alpha, Ext3 beta) {
        Ext3 beta2 = beta.square();
        long[][] m = {{1, beta.c0(), beta2.c0()}, {0, beta.c1(), beta2.c1()}, {0, beta.c2(), beta2.c2()}};
        long[] rhs = {alpha.c0(), alpha.c1(), alpha.c2()};
        long det = det3(m);
        long[] solution = new long[3];
        for (int col = 0; col < 3; col++) {
            long[][] mc = {m[0].clone(), m[1].clone(), m[2].clone()};
            for (int r = 0; r < 3; r++) {
                mc[r][col] = rhs[r];
            }
            solution[col] = Goldilocks.mul(det3(mc), Goldilocks.inverse(det));
        }
        return solution;
    }

    private static long det3(long[][] m) {
        long a = Goldilocks.mul(m[0][0], Goldilocks.sub(Goldilocks.mul(m[1][1], m[2][2]), Goldilocks.mul(m[1][2], m[2][1])));
        long b = Goldilocks.mul(m[0][1], Goldilocks.sub(Goldilocks.mul(m[1][0], m[2][2]), Goldilocks.mul(m[1][2], m[2][0])));
        long c = Goldilocks.mul(m[0][2], Goldilocks.sub(Goldilocks.mul(m[1][0], m[2][1]), Goldilocks.mul(m[1][1], m[2][0])));
        return Goldilocks.add(Goldilocks.sub(a, b), c);
    }

    @Test
    void workloadApiProvesAndVerifies() throws VerificationException {
        LookupWorkload w = LookupWorkload.randomRangeLookups(5, 1);
        w.verify(w.prove());
    }

    @Test
    void soundnessBitsAreAboutOneHundredAndSeventy() {
        double bits = LogUpGkr.soundnessBits(1 << 16, 1 << 16);
        assertThat(bits).isBetween(170.0, 176.0);
        assertThat(LogUpGkr.soundnessBits(1 << 16, 1 << 16, 3)).isLessThan(bits);
    }

    /** Rows 0..7 hold lookups, rows 8..15 anything (values far outside the table); the selector is 1 on rows 0..7. */
    private static long[][] selectedWitness(long[] selector, long[] counts) {
        long[] column = new long[16];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 16; i++) {
            column[i] = i < 8 ? rnd.nextInt(256) : Goldilocks.fromSigned(-1000 - i);
            selector[i] = i < 8 ? 1 : 0;
            if (i < 8) {
                counts[(int) column[i]]++;
            }
        }
        return new long[][] {column};
    }

    /** MLE of the selector 1 on the first half of 2^4 rows: 1 - x_4. */
    private static Ext3 firstHalf(long[] point) {
        return Ext3.ONE.sub(Ext3.read(point, 3));
    }

    @Test
    void aSelectorLeavesTheUnselectedRowsFree() throws VerificationException {
        long[] selector = new long[16];
        long[] counts = new long[256];
        LookupWitness w = new LookupWitness(selectedWitness(selector, counts), counts);
        LogUpGkrProver.Output out = LogUpGkrProver.proveChunks(BYTE, new long[][] {w.column(0)},
                new long[][] {selector}, w.counts(), Fixtures.transcript());
        LookupClaims claims = LogUpGkrVerifier.verifyChunks(BYTE, new int[] {4}, out.proof(), Fixtures.transcript(),
                new LogUpGkrVerifier.Selector[] {LogUpGkrTest::firstHalf});
        discharge(claims, w);
    }

    @Test
    void rejectsAProofWhoseSelectorIsNotTheVerifiers() {
        // the prover leaves row 7 out too; the verifier's selector still has it
        long[] selector = new long[16];
        long[] counts = new long[256];
        long[][] column = selectedWitness(selector, counts);
        selector[7] = 0;
        counts[(int) column[0][7]]--;
        LogUpGkrProver.Output out = LogUpGkrProver.proveChunks(BYTE, column, new long[][] {selector}, counts,
                Fixtures.transcript());
        assertRejected(() -> LogUpGkrVerifier.verifyChunks(BYTE, new int[] {4}, out.proof(), Fixtures.transcript(),
                new LogUpGkrVerifier.Selector[] {LogUpGkrTest::firstHalf}), LookupReason.WITNESS_LEAF_MISMATCH);
    }

    /** Chunks of 2^4, 2^1 and 2^0 rows of byte values, with their multiplicities. */
    private static long[][] chunks(long[] counts) {
        SplittableRandom rnd = new SplittableRandom(5);
        long[][] chunks = {new long[16], new long[2], new long[1]};
        for (long[] chunk : chunks) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = rnd.nextInt(256);
                counts[(int) chunk[i]]++;
            }
        }
        return chunks;
    }

    @Test
    void chunksOfDifferentSizesLookUpTogetherWithAClaimPerChunk() throws VerificationException {
        long[] counts = new long[256];
        long[][] chunks = chunks(counts);
        LogUpGkrProver.Output out = LogUpGkrProver.proveChunks(BYTE, chunks, null, counts, Fixtures.transcript());
        LookupClaims claims = LogUpGkrVerifier.verifyChunks(BYTE, new int[] {4, 1, 0}, out.proof(),
                Fixtures.transcript(), null);
        assertThat(claims).isEqualTo(out.claims());
        for (int j = 0; j < chunks.length; j++) {
            EvaluationClaim c = claims.witnessColumns().get(j);
            c.requireValue(Multilinear.evaluate(chunks[j], c.point()));
        }
        claims.multiplicities().requireValue(Multilinear.evaluate(counts, claims.multiplicities().point()));
    }

    @Test
    void rejectsChunksWhoseSmallestHoldsAValueOutsideTheTable() {
        long[] counts = new long[256];
        long[][] chunks = chunks(counts);
        counts[(int) chunks[2][0]]--;
        chunks[2][0] = 300;
        LogUpGkrProver.Output out = LogUpGkrProver.proveChunks(BYTE, chunks, null, counts, Fixtures.transcript());
        assertRejected(() -> LogUpGkrVerifier.verifyChunks(BYTE, new int[] {4, 1, 0}, out.proof(),
                Fixtures.transcript(), null), LookupReason.SUMS_DIFFER);
    }
}
