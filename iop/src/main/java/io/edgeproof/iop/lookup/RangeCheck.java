package io.edgeproof.iop.lookup;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Range checks by 16-bit limbs over LogUp-GKR (see {@link RangeCheckSpec}). Prover and verifier share the
 * transcript steps here. The looked-up column W is never committed: with r = (r_low, r_high) the lookup's
 * point, W(r) = sum_b eq(r_high, b) block_b(r_low), and every block is a limb or the shifted last limb, so
 * the verifier rebuilds W(r) from the limb values the proof sends at r_low, which the caller then discharges.
 */
public final class RangeCheck {
    private RangeCheck() {}

    public record ProverOutput(RangeCheckProof proof, RangeCheckClaims claims) {}

    public record BatchOutput(RangeCheckBatchProof proof, RangeCheckBatchClaims claims) {}

    /** Before calling, commit to the padded values, the limbs and the lookup's multiplicities. */
    public static ProverOutput prove(RangeCheckWitness witness, Transcript transcript) {
        RangeCheckSpec spec = witness.spec();
        bindSpec(transcript, spec, witness.numVariables());
        LogUpGkrProver.Output lookup = LogUpGkrProver.prove(RangeTable.limbs(), witness.lookup(), transcript);
        long[] low = lowPoint(lookup.claims().witnessColumns().get(0).point(), witness.numVariables());
        List<Ext3> limbValues = new ArrayList<>(spec.limbs());
        for (int l = 0; l < spec.limbs(); l++) {
            limbValues.add(LogUpGkr.evaluate(witness.limb(l), low));
        }
        transcript.exts("range-limb-evaluations", interleave(limbValues));
        return new ProverOutput(new RangeCheckProof(lookup.proof(), limbValues),
                claims(spec, low, limbValues, lookup.claims().multiplicities()));
    }

    /** Verifies that the {@code numValues} values (padded with zeros to a power of two) are in range. */
    public static RangeCheckClaims verify(RangeCheckSpec spec, int numValues, RangeCheckProof proof, Transcript transcript)
            throws VerificationException {
        if (proof.limbEvaluations().size() != spec.limbs()) {
            throw new VerificationException(LookupReason.WRONG_SHAPE,
                    "expected " + spec.limbs() + " limb evaluations, got " + proof.limbEvaluations().size());
        }
        int n = LogUpGkr.paddedVariables(numValues);
        bindSpec(transcript, spec, n);
        LookupClaims lookup = LogUpGkrVerifier.verify(RangeTable.limbs(), n + spec.blockVariables(), proof.lookup(),
                transcript);
        EvaluationClaim column = lookup.witnessColumns().get(0);
        long[] point = column.point();
        long[] low = lowPoint(point, n);
        long[] high = Arrays.copyOfRange(point, 3 * n, point.length);
        if (!column.value().equals(lookedUpColumnAt(spec, proof.limbEvaluations(), high))) {
            throw new VerificationException(LookupReason.LIMB_MISMATCH,
                    "the looked-up column does not match the limbs at the lookup point");
        }
        transcript.exts("range-limb-evaluations", interleave(proof.limbEvaluations()));
        return claims(spec, low, proof.limbEvaluations(), lookup.multiplicities());
    }

    /**
     * Range-checks every input of the batch with one lookup into the limb table (multiplicities summed over
     * all inputs). Before calling, commit to each input's padded values and limbs and to the multiplicities.
     */
    public static BatchOutput proveMany(RangeCheckBatchWitness witness, Transcript transcript) {
        return RangeCheckBatch.prove(witness, transcript);
    }

    /** Verifies a batch: input i has {@code numValues[i]} values (padded with zeros) checked against specs[i]. */
    public static RangeCheckBatchClaims verifyMany(List<RangeCheckSpec> specs, int[] numValues,
                                                   RangeCheckBatchProof proof, Transcript transcript)
            throws VerificationException {
        return RangeCheckBatch.verify(specs, numValues, proof, transcript);
    }

    /** Bits of soundness of a batch: those of one lookup of all inputs' limbs into the limb table. */
    public static double soundnessBits(List<RangeCheckSpec> specs, int[] numValues) {
        return RangeCheckBatch.soundnessBits(specs, numValues);
    }

    static void bindSpec(Transcript transcript, RangeCheckSpec spec, int valueVariables) {
        transcript.u64("range-bits", spec.bits());
        transcript.u64("range-signed", spec.signed() ? 1 : 0);
        transcript.u64("range-value-variables", valueVariables);
    }

    /** W(r_low, r_high) from the limb values at r_low. */
    static Ext3 lookedUpColumnAt(RangeCheckSpec spec, List<Ext3> limbs, long[] high) {
        long[] eq = Multilinear.eqTable(high);
        Ext3 sum = Ext3.ZERO;
        for (int l = 0; l < limbs.size(); l++) {
            sum = sum.add(Ext3.read(eq, l).mul(limbs.get(l)));
        }
        if (spec.shiftsLastLimb()) {
            Ext3 shifted = limbs.get(limbs.size() - 1).mulBase(spec.lastLimbShift());
            sum = sum.add(Ext3.read(eq, limbs.size()).mul(shifted));
        }
        return sum;
    }

    static RangeCheckClaims claims(RangeCheckSpec spec, long[] low, List<Ext3> limbValues,
                                           EvaluationClaim multiplicities) {
        Ext3 value = Ext3.ZERO;
        List<EvaluationClaim> limbClaims = new ArrayList<>(limbValues.size());
        for (int l = 0; l < limbValues.size(); l++) {
            value = value.add(limbValues.get(l).mulBase(Goldilocks.reduce64(1L << (RangeTable.LIMB_BITS * l))));
            limbClaims.add(new EvaluationClaim(low, limbValues.get(l)));
        }
        value = value.sub(Ext3.ofBase(spec.offset()));
        return new RangeCheckClaims(new EvaluationClaim(low, value), limbClaims, multiplicities);
    }

    private static long[] lowPoint(long[] point, int n) {
        return Arrays.copyOf(point, 3 * n);
    }

    static long[] interleave(List<Ext3> values) {
        long[] out = new long[3 * values.size()];
        for (int i = 0; i < values.size(); i++) {
            values.get(i).write(out, i);
        }
        return out;
    }
}
