package io.edgeproof.iop.lookup;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.PublicStatement;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.SplittableRandom;

/**
 * A ready-made LogUp-GKR lookup for benchmarks and smoke tests: 2^n seeded random values looked up in the
 * 16-bit range table. {@link #prove} includes counting multiplicities; {@link #verify} discharges the claims
 * against the witness itself, as a caller would against commitment openings (not part of the measurement).
 */
public final class LookupWorkload {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-lookup-workload", 1);

    private final RangeTable table = RangeTable.limbs();
    private final long[] values;

    private LookupWorkload(long[] values) {
        this.values = values;
    }

    public static LookupWorkload randomRangeLookups(int numVariables, long seed) {
        if (numVariables < 0 || numVariables > 26) {
            throw new IllegalArgumentException("numVariables " + numVariables + " out of range");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] values = new long[1 << numVariables];
        for (int i = 0; i < values.length; i++) {
            values[i] = rnd.nextInt(1 << RangeTable.LIMB_BITS);
        }
        return new LookupWorkload(values);
    }

    /** The witness (multiplicities counted) and the proof. */
    public record Proved(LookupWitness witness, LogUpGkrProof proof) {}

    public Proved prove() {
        LookupWitness witness = LookupWitness.of(table, new long[][] {values});
        LogUpGkrProof proof = LogUpGkrProver.prove(table, witness, Transcript.open(DOMAIN, PublicStatement.none())).proof();
        return new Proved(witness, proof);
    }

    public LookupClaims verify(Proved proved) throws VerificationException {
        LookupWitness w = proved.witness();
        LookupClaims claims = LogUpGkrVerifier.verify(table, w.numVariables(), proved.proof(),
                Transcript.open(DOMAIN, PublicStatement.none()));
        EvaluationClaim column = claims.witnessColumns().get(0);
        column.requireValue(Multilinear.evaluate(w.columns()[0], column.point()));
        claims.multiplicities().requireValue(Multilinear.evaluate(w.multiplicities(), claims.multiplicities().point()));
        return claims;
    }
}
