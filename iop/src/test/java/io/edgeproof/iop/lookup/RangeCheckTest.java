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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeCheckTest {
    /** Random values in range with both ends included, as field elements. */
    static long[] valuesInRange(RangeCheckSpec spec, int n, SplittableRandom rnd) {
        long lo = spec.signed() ? -(1L << (spec.bits() - 1)) : 0;
        long mask = -1L >>> (64 - spec.bits());
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            long x = i == 0 ? lo : i == 1 ? lo + mask : lo + (rnd.nextLong() & mask);
            v[i] = Goldilocks.fromSigned(x);
        }
        return v;
    }

    static RangeCheckClaims proveVerifyDischarge(RangeCheckWitness w, int numValues) throws VerificationException {
        RangeCheck.ProverOutput out = RangeCheck.prove(w, Fixtures.transcript());
        RangeCheckClaims claims = RangeCheck.verify(w.spec(), numValues, out.proof(), Fixtures.transcript());
        assertThat(claims).isEqualTo(out.claims());
        discharge(claims, w);
        return claims;
    }

    /** Discharges every claim against the witness itself (a trivial opener). */
    static void discharge(RangeCheckClaims claims, RangeCheckWitness w) throws VerificationException {
        claims.values().requireValue(Multilinear.evaluate(w.values(), claims.values().point()));
        for (int l = 0; l < claims.limbs().size(); l++) {
            claims.limbs().get(l).requireValue(Multilinear.evaluate(w.limbs()[l], claims.limbs().get(l).point()));
        }
        claims.multiplicities().requireValue(
                Multilinear.evaluate(w.lookup().multiplicities(), claims.multiplicities().point()));
    }

    private static void assertRejected(ThrowingCallable call, VerificationException.Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @CsvSource({"1,5,false", "8,3,false", "15,10,false", "16,2,false", "17,7,false", "20,1,false", "32,9,false",
            "48,4,false", "63,6,false", "1,4,true", "8,3,true", "17,5,true", "32,8,true", "63,2,true", "16,0,false"})
    void valuesInRangeAreAccepted(int bits, int n, boolean signed) throws VerificationException {
        RangeCheckSpec spec = new RangeCheckSpec(bits, signed);
        long[] values = valuesInRange(spec, n, new SplittableRandom(bits * 31L + n));
        proveVerifyDischarge(RangeCheckWitness.of(spec, values), n);
    }

    @Test
    void limbsRecomposeToTheValues() {
        RangeCheckSpec spec = RangeCheckSpec.unsigned(40);
        RangeCheckWitness w = RangeCheckWitness.of(spec, new long[] {0x12_3456_789AL});
        assertThat(w.limbs()[0][0]).isEqualTo(0x789A);
        assertThat(w.limbs()[1][0]).isEqualTo(0x3456);
        assertThat(w.limbs()[2][0]).isEqualTo(0x12);
    }

    @ParameterizedTest
    @CsvSource({"20,false,1048576", "16,false,65536", "8,false,-1", "8,true,128", "8,true,-129", "63,true,-4611686018427387905"})
    void honestProverRefusesOutOfRangeValue(int bits, boolean signed, long value) {
        RangeCheckSpec spec = new RangeCheckSpec(bits, signed);
        assertThatThrownBy(() -> RangeCheckWitness.of(spec, new long[] {3, Goldilocks.fromSigned(value), 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in table");
    }

    /** The honest split of an out-of-range value, with the multiplicities of its in-table lookups only. */
    @ParameterizedTest
    @CsvSource({"20,false,1048576", "16,false,65536", "17,true,65536", "17,true,-65537"})
    void rejectsOutOfRangeValueProvedWithForgedMultiplicities(int bits, boolean signed, long value) {
        RangeCheckSpec spec = new RangeCheckSpec(bits, signed);
        long[] values = {3, Goldilocks.fromSigned(value), 1};
        long[][] limbs = RangeCheckWitness.split(spec, values);
        long[] column = RangeCheckWitness.lookedUpColumn(spec, limbs);
        long[] counts = new long[1 << 16];
        for (long v : column) {
            if (v < 1 << 16) {
                counts[(int) v]++;
            }
        }
        RangeCheckWitness cheating = new RangeCheckWitness(spec, RangeCheckWitness.padded(values), limbs,
                new LookupWitness(new long[][] {column}, counts));
        RangeCheckProof proof = RangeCheck.prove(cheating, Fixtures.transcript()).proof();
        assertRejected(() -> RangeCheck.verify(spec, 3, proof, Fixtures.transcript()), LookupReason.SUMS_DIFFER);
    }

    /** In-range limbs that do not recompose to the (out-of-range) value: caught when the value claim is opened. */
    @Test
    void rejectsLimbsThatDoNotRecomposeToTheValue() throws VerificationException {
        RangeCheckSpec spec = RangeCheckSpec.unsigned(20);
        long[] values = {5, 1 << 20, 7, 9};
        RangeCheckWitness inRange = RangeCheckWitness.of(spec, new long[] {5, 0, 7, 9});
        RangeCheckWitness cheating = new RangeCheckWitness(spec, values, inRange.limbs(), inRange.lookup());
        RangeCheck.ProverOutput out = RangeCheck.prove(cheating, Fixtures.transcript());
        RangeCheckClaims claims = RangeCheck.verify(spec, 4, out.proof(), Fixtures.transcript());
        assertRejected(() -> discharge(claims, cheating), GkrReason.EVALUATION_MISMATCH);
    }

    private final RangeCheckSpec spec = RangeCheckSpec.unsigned(20);
    private final RangeCheckWitness witness = RangeCheckWitness.of(spec, valuesInRange(spec, 6, new SplittableRandom(9)));
    private final RangeCheckProof honest = RangeCheck.prove(witness, Fixtures.transcript()).proof();

    @Test
    void rejectsTamperedLimbEvaluation() {
        for (int l = 0; l < 2; l++) {
            List<Ext3> limbs = new ArrayList<>(honest.limbEvaluations());
            limbs.set(l, limbs.get(l).add(Ext3.ONE));
            RangeCheckProof bad = new RangeCheckProof(honest.lookup(), limbs);
            assertRejected(() -> RangeCheck.verify(spec, 6, bad, Fixtures.transcript()), LookupReason.LIMB_MISMATCH);
        }
    }

    @Test
    void rejectsWrongNumberOfLimbEvaluations() {
        RangeCheckProof bad = new RangeCheckProof(honest.lookup(), honest.limbEvaluations().subList(0, 1));
        assertRejected(() -> RangeCheck.verify(spec, 6, bad, Fixtures.transcript()), LookupReason.WRONG_SHAPE);
    }

    @Test
    void rejectsProofForAnotherRange() {
        assertThatThrownBy(() -> RangeCheck.verify(RangeCheckSpec.unsigned(19), 6, honest, Fixtures.transcript()))
                .isInstanceOf(VerificationException.class);
    }

    @Test
    void roundTripsBytesAndRejectsMalformedOnes() throws MalformedProofException {
        byte[] bytes = honest.toBytes();
        assertThat(RangeCheckProof.fromBytes(bytes, spec, 6)).isEqualTo(honest);
        for (int len = 0; len < bytes.length; len += 13) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> RangeCheckProof.fromBytes(cut, spec, 6)).isInstanceOf(MalformedProofException.class);
        }
        assertThatThrownBy(() -> RangeCheckProof.fromBytes(Arrays.copyOf(bytes, bytes.length + 1), spec, 6))
                .isInstanceOf(MalformedProofException.class);
    }

    @Test
    void soundnessBitsComeFromTheLookup() {
        assertThat(RangeCheckSpec.unsigned(20).soundnessBits(1 << 16)).isBetween(160.0, 176.0);
        assertThat(RangeCheckSpec.unsigned(16).soundnessBits(1000)).isGreaterThan(RangeCheckSpec.unsigned(64 - 1).soundnessBits(1000));
    }
}
