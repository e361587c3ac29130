package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.lookup.LogUpGkrProver;
import io.edgeproof.iop.lookup.LogUpGkrVerifier;
import io.edgeproof.iop.lookup.LookupClaims;
import io.edgeproof.iop.lookup.LookupWitness;
import io.edgeproof.iop.lookup.RangeTable;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * All range checks of a proof at once: every limb of every range column sits in the committed limb region,
 * which one LogUp-GKR lookup shows to lie in [0, 2^16) (one 2^16 multiplicity table for the whole proof).
 * Then, per column, at a random point z: sum_j coef_j src_j(z) + offsets(z) = sum_l 2^(16 l) limb_l(z)
 * and, per bounded limb l, companion_l(z) = limb_l(z) + (2^16 - 2^b(l, .))(z); each value is a claim on its
 * block.
 */
final class RangeChecks {
    private RangeChecks() {}

    /** Values a column sends: its committed sources, then its sub-blocks. */
    static int valueCount(RangeColumn c) {
        int n = c.subBlocks();
        for (int s : c.sources()) {
            n += s == RangeColumn.PUBLIC_INPUT ? 0 : 1;
        }
        return n;
    }

    static InferenceProof.RangeProof prove(ProofSession session) {
        WitnessPlan plan = session.plan;
        long[][] blocks = session.witness.blocks();
        LogUpGkrProver.Output lookup = LogUpGkrProver.prove(RangeTable.limbs(),
                new LookupWitness(new long[][] {blocks[plan.regionBlock]}, blocks[plan.multiplicityBlock]),
                session.transcript);
        recordLookup(session, lookup.claims());
        long[][] limbs = new long[plan.limbLayout.numBlocks()][];
        long[] region = blocks[plan.regionBlock];
        for (int b = 0; b < limbs.length; b++) {
            BlockLayout.Placement p = plan.limbLayout.placement(b);
            limbs[b] = java.util.Arrays.copyOfRange(region, p.offset(), p.offset() + (1 << p.vars()));
        }
        List<Ext3[]> all = new ArrayList<>();
        for (RangeColumn c : plan.ranges) {
            long[] z = session.transcript.challengeExts("range-point", c.vars());
            Ext3[] values = new Ext3[valueCount(c)];
            int i = 0;
            for (int s : c.sources()) {
                if (s != RangeColumn.PUBLIC_INPUT) {
                    values[i++] = Multilinear.evaluate(blocks[s], z);
                }
            }
            for (int l = 0; l < c.subBlocks(); l++) {
                values[i++] = Multilinear.evaluate(limbs[c.firstLimb() + l], z);
            }
            session.transcript.exts("range-values", interleave(values));
            recordColumn(session, c, z, values);
            all.add(values);
        }
        return new InferenceProof.RangeProof(lookup.proof(), all);
    }

    static void verify(ProofSession session, InferenceProof.RangeProof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        LookupClaims claims = LogUpGkrVerifier.verify(RangeTable.limbs(), plan.layout.blockVars(plan.regionBlock),
                proof.lookup(), session.transcript);
        recordLookup(session, claims);
        for (int k = 0; k < plan.ranges.size(); k++) {
            RangeColumn c = plan.ranges.get(k);
            Ext3[] values = proof.columnValues().get(k);
            long[] z = session.transcript.challengeExts("range-point", c.vars());
            Ext3 column = Multilinear.evaluate(c.offsets(), ProofSession.slice(z, 0, c.colVars()));
            int i = 0;
            for (int j = 0; j < c.sources().length; j++) {
                Ext3 src = c.sources()[j] == RangeColumn.PUBLIC_INPUT ? session.publicInputAt(z) : values[i++];
                column = column.add(src.mulBase(Goldilocks.fromSigned(c.coefs()[j])));
            }
            Ext3 fromLimbs = Ext3.ZERO;
            for (int l = 0; l < c.limbs(); l++) {
                fromLimbs = fromLimbs.add(values[i + l].mulBase(Goldilocks.pow(2, (long) RangeTable.LIMB_BITS * l)));
            }
            if (!column.equals(fromLimbs)) {
                throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                        c.what() + ": the column is not the sum of its limbs");
            }
            int[] bounded = c.boundedLimbs();
            long[] zColumn = ProofSession.slice(z, 0, c.colVars());
            for (int j = 0; j < bounded.length; j++) {
                Ext3 offset = Multilinear.evaluate(c.companionOffsets(bounded[j]), zColumn);
                if (!values[i + c.limbs() + j].equals(values[i + bounded[j]].add(offset))) {
                    throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                            c.what() + ": limb " + bounded[j] + " is not bounded by its companion");
                }
            }
            session.transcript.exts("range-values", interleave(values));
            recordColumn(session, c, z, values);
        }
    }

    private static void recordLookup(ProofSession session, LookupClaims claims) {
        EvaluationClaim column = claims.witnessColumns().get(0);
        session.witnessClaims.add(session.plan.regionBlock, column.point(), column.value());
        EvaluationClaim m = claims.multiplicities();
        session.witnessClaims.add(session.plan.multiplicityBlock, m.point(), m.value());
    }

    private static void recordColumn(ProofSession session, RangeColumn c, long[] z, Ext3[] values) {
        int i = 0;
        for (int s : c.sources()) {
            if (s != RangeColumn.PUBLIC_INPUT) {
                session.witnessClaims.add(s, z, values[i++]);
            }
        }
        for (int l = 0; l < c.subBlocks(); l++) {
            session.witnessClaims.addNested(session.plan.regionBlock, session.plan.limbLayout, c.firstLimb() + l, z,
                    values[i++]);
        }
    }

    private static long[] interleave(Ext3[] values) {
        long[] out = new long[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i].write(out, i);
        }
        return out;
    }
}
