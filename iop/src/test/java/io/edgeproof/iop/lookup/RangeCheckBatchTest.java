package io.edgeproof.iop.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.iop.gkr.GkrReason;
import io.edgeproof.iop.testing.Fixtures;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class RangeCheckBatchTest {
    private static final List<RangeCheckSpec> SPECS = List.of(RangeCheckSpec.unsigned(16), RangeCheckSpec.signed(8),
            RangeCheckSpec.unsigned(40), RangeCheckSpec.signed(63), RangeCheckSpec.unsigned(1), RangeCheckSpec.signed(17));
    private static final int[] SIZES = {100, 3, 17, 0, 1, 33};

    private static List<long[]> inputs(List<RangeCheckSpec> specs, int[] sizes, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<long[]> values = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            values.add(RangeCheckTest.valuesInRange(specs.get(i), sizes[i], rnd));
        }
        return values;
    }

    /** Discharges every claim against the witness itself (a trivial opener). */
    private static void discharge(RangeCheckBatchClaims claims, RangeCheckBatchWitness w) throws VerificationException {
        for (int i = 0; i < w.numInputs(); i++) {
            RangeCheckClaims input = claims.inputs().get(i);
            input.values().requireValue(Multilinear.evaluate(w.values(i), input.values().point()));
            for (int l = 0; l < input.limbs().size(); l++) {
                input.limbs().get(l).requireValue(Multilinear.evaluate(w.limb(i, l), input.limbs().get(l).point()));
            }
            assertThat(input.multiplicities()).isEqualTo(claims.multiplicities());
        }
        claims.multiplicities().requireValue(
                Multilinear.evaluate(w.lookup().multiplicities(), claims.multiplicities().point()));
    }

    private static RangeCheckBatchClaims proveVerifyDischarge(RangeCheckBatchWitness w, int[] sizes)
            throws VerificationException {
        RangeCheck.BatchOutput out = RangeCheck.proveMany(w, Fixtures.transcript());
        RangeCheckBatchClaims claims = RangeCheck.verifyMany(w.specs(), sizes, out.proof(), Fixtures.transcript());
        assertThat(claims).isEqualTo(out.claims());
        discharge(claims, w);
        return claims;
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void mixedSizesAndSpecsAreAccepted() throws VerificationException {
        proveVerifyDischarge(RangeCheckBatchWitness.of(SPECS, inputs(SPECS, SIZES, 1)), SIZES);
    }

    @Test
    void singleInputsOfEdgeSizesAreAccepted() throws VerificationException {
        for (int size : new int[] {0, 1, 2, 3, 64}) {
            List<RangeCheckSpec> specs = List.of(RangeCheckSpec.unsigned(20));
            int[] sizes = {size};
            proveVerifyDischarge(RangeCheckBatchWitness.of(specs, inputs(specs, sizes, size)), sizes);
        }
    }

    @Test
    void multiplicitiesAreSummedOverAllInputs() {
        List<RangeCheckSpec> specs = List.of(RangeCheckSpec.unsigned(16), RangeCheckSpec.unsigned(16));
        RangeCheckBatchWitness w = RangeCheckBatchWitness.of(specs, List.of(new long[] {7, 7}, new long[] {7, 9, 9}));
        long[] m = w.lookup().multiplicities();
        assertThat(m[7]).isEqualTo(3);
        assertThat(m[9]).isEqualTo(2);
        assertThat(Arrays.stream(m).sum()).isEqualTo(8); // 2 + 4 padded lookups, padded to 8
    }

    @Test
    void honestProverRefusesOneOutOfRangeValue() {
        List<long[]> values = inputs(SPECS, SIZES, 2);
        values.get(5)[7] = Goldilocks.fromSigned(1 << 16);
        assertThatThrownBy(() -> RangeCheckBatchWitness.of(SPECS, values))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in table");
    }

    /** One input holds an out-of-range value; the multiplicities count only the in-table lookups. */
    @Test
    void rejectsOneOutOfRangeValueInOneInput() {
        List<long[]> values = inputs(SPECS, SIZES, 3);
        values.get(1)[2] = Goldilocks.fromSigned(200); // signed 8-bit: out of range
        RangeCheckBatchWitness cheating = forgeWitness(values);
        RangeCheckBatchProof proof = RangeCheck.proveMany(cheating, Fixtures.transcript()).proof();
        assertRejected(() -> RangeCheck.verifyMany(SPECS, SIZES, proof, Fixtures.transcript()), LookupReason.SUMS_DIFFER);
    }

    @Test
    void rejectsWrongMultiplicity() {
        RangeCheckBatchWitness honest = RangeCheckBatchWitness.of(SPECS, inputs(SPECS, SIZES, 4));
        long[] m = honest.lookup().multiplicities();
        m[0]--;
        m[5]++;
        RangeCheckBatchWitness cheating = new RangeCheckBatchWitness(SPECS, honest.values(), honest.limbs(),
                new LookupWitness(honest.lookup().columns(), m));
        RangeCheckBatchProof proof = RangeCheck.proveMany(cheating, Fixtures.transcript()).proof();
        assertRejected(() -> RangeCheck.verifyMany(SPECS, SIZES, proof, Fixtures.transcript()), LookupReason.SUMS_DIFFER);
    }

    /** In-range limbs that do not recompose to one input's values: caught when its value claim is opened. */
    @Test
    void rejectsLimbsThatDoNotRecomposeToTheValues() throws VerificationException {
        RangeCheckBatchWitness honest = RangeCheckBatchWitness.of(SPECS, inputs(SPECS, SIZES, 5));
        List<long[]> values = new ArrayList<>(honest.values());
        values.set(2, values.get(2).clone());
        values.get(2)[4] = Goldilocks.add(values.get(2)[4], 1);
        RangeCheckBatchWitness cheating = new RangeCheckBatchWitness(SPECS, values, honest.limbs(), honest.lookup());
        RangeCheckBatchClaims claims = RangeCheck.verifyMany(SPECS, SIZES,
                RangeCheck.proveMany(cheating, Fixtures.transcript()).proof(), Fixtures.transcript());
        assertRejected(() -> discharge(claims, cheating), GkrReason.EVALUATION_MISMATCH);
    }

    private final RangeCheckBatchWitness witness = RangeCheckBatchWitness.of(SPECS, inputs(SPECS, SIZES, 6));
    private final RangeCheckBatchProof honest = RangeCheck.proveMany(witness, Fixtures.transcript()).proof();

    @Test
    void rejectsTamperedLimbEvaluationOfAnyInput() {
        for (int i = 0; i < SPECS.size(); i++) {
            List<List<Ext3>> limbs = new ArrayList<>(honest.limbEvaluations());
            List<Ext3> input = new ArrayList<>(limbs.get(i));
            input.set(0, input.get(0).add(Ext3.ONE));
            limbs.set(i, input);
            RangeCheckBatchProof bad = new RangeCheckBatchProof(honest.lookup(), limbs);
            assertRejected(() -> RangeCheck.verifyMany(SPECS, SIZES, bad, Fixtures.transcript()), LookupReason.LIMB_MISMATCH);
        }
    }

    @Test
    void rejectsWrongShape() {
        List<List<Ext3>> limbs = new ArrayList<>(honest.limbEvaluations());
        limbs.set(2, limbs.get(2).subList(0, 1));
        RangeCheckBatchProof bad = new RangeCheckBatchProof(honest.lookup(), limbs);
        assertRejected(() -> RangeCheck.verifyMany(SPECS, SIZES, bad, Fixtures.transcript()), LookupReason.WRONG_SHAPE);
        RangeCheckBatchProof missing = new RangeCheckBatchProof(honest.lookup(), honest.limbEvaluations().subList(0, 5));
        assertRejected(() -> RangeCheck.verifyMany(SPECS, SIZES, missing, Fixtures.transcript()), LookupReason.WRONG_SHAPE);
    }

    /** Claimed sizes or specs other than the proved ones (the inputs' segments move, or the transcript differs). */
    @Test
    void rejectsOtherSizesOrSpecs() {
        int[] swapped = SIZES.clone();
        swapped[0] = 60;
        assertThatThrownBy(() -> RangeCheck.verifyMany(SPECS, swapped, honest, Fixtures.transcript()))
                .isInstanceOf(VerificationException.class);
        List<RangeCheckSpec> other = new ArrayList<>(SPECS);
        other.set(1, RangeCheckSpec.unsigned(8));
        assertThatThrownBy(() -> RangeCheck.verifyMany(other, SIZES, honest, Fixtures.transcript()))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void roundTripsBytesAndRejectsMalformedOnes() throws MalformedProofException {
        byte[] bytes = honest.toBytes();
        assertThat(RangeCheckBatchProof.fromBytes(bytes, SPECS, SIZES)).isEqualTo(honest);
        for (int len = 0; len < bytes.length; len += 17) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> RangeCheckBatchProof.fromBytes(cut, SPECS, SIZES))
                    .isInstanceOf(MalformedProofException.class);
        }
        assertThatThrownBy(() -> RangeCheckBatchProof.fromBytes(Arrays.copyOf(bytes, bytes.length + 1), SPECS, SIZES))
                .isInstanceOf(MalformedProofException.class);
    }

    @Test
    void soundnessBitsAreThoseOfTheConcatenatedLookup() {
        // segments (padded values times limb blocks): 128 + 8 + 128 + 8 + 2 + 256 = 530, padded to 1024
        assertThat(RangeCheck.soundnessBits(SPECS, SIZES)).isEqualTo(LogUpGkr.soundnessBits(1024, 1 << 16));
        assertThat(RangeCheck.soundnessBits(List.of(RangeCheckSpec.unsigned(20)), new int[] {1 << 16}))
                .isEqualTo(RangeCheckSpec.unsigned(20).soundnessBits(1 << 16));
    }

    /** The witness an honest prover would build, except that out-of-table lookups are not counted. */
    private static RangeCheckBatchWitness forgeWitness(List<long[]> values) {
        List<long[]> padded = new ArrayList<>();
        List<long[][]> limbs = new ArrayList<>();
        List<long[]> columns = new ArrayList<>();
        for (int i = 0; i < SPECS.size(); i++) {
            long[][] split = RangeCheckWitness.split(SPECS.get(i), values.get(i));
            padded.add(RangeCheckWitness.padded(values.get(i)));
            limbs.add(split);
            columns.add(RangeCheckWitness.lookedUpColumn(SPECS.get(i), split));
        }
        long[] column = RangeCheckBatch.Layout.of(SPECS, SIZES).concatenate(columns);
        long[] counts = new long[1 << RangeTable.LIMB_BITS];
        for (long v : column) {
            if (v >= 0 && v < counts.length) {
                counts[(int) v]++;
            }
        }
        return new RangeCheckBatchWitness(SPECS, padded, limbs, new LookupWitness(new long[][] {column}, counts));
    }
}
