package io.edgeproof.zkml.proof;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.gkr.EvaluationClaim;
import io.edgeproof.iop.lookup.LogUpGkrProver;
import io.edgeproof.iop.lookup.LogUpGkrVerifier;
import io.edgeproof.iop.lookup.LookupClaims;
import io.edgeproof.iop.lookup.RangeTable;
import io.edgeproof.transcript.VerificationException;
import java.util.ArrayList;
import java.util.List;

/**
 * All range checks of a proof at once: every limb of every range column sits in the committed limb region,
 * whose chunks one LogUp-GKR lookup shows to lie in [0, 2^16) (one 2^16 multiplicity table for the whole
 * proof; the region's guests lie outside the chunks, {@link LimbRegion}).
 * Then, per column at a random point z: if the column defines its first source (a virtual block, see
 * {@link WitnessPlan}), only its bounded limbs' companions, companion_l(z) = limb_l(z) + (2^16 - 2^b(l, .))(z);
 * otherwise also sum_j coef_j src_j(z) + offsets(z) = sum_l 2^(16 l) limb_l(z). Each value is a claim on
 * its block. Last, {@link #resolve} turns every claim on a virtual block into claims on its definition.
 */
final class RangeChecks {
    private RangeChecks() {}

    /** Whether column {@code k} defines its first source, which is then never committed. */
    static boolean defining(WitnessPlan plan, int k) {
        int first = plan.ranges.get(k).sources()[0];
        return first != RangeColumn.PUBLIC_INPUT && plan.definingColumn[first] == k;
    }

    /** Values column k sends: its bounded limbs and their companions if it is defining, else its committed sources and sub-blocks. */
    static int valueCount(WitnessPlan plan, int k) {
        RangeColumn c = plan.ranges.get(k);
        if (defining(plan, k)) {
            return 2 * c.boundedLimbs().length;
        }
        int n = c.subBlocks();
        for (int s : c.sources()) {
            n += s == RangeColumn.PUBLIC_INPUT ? 0 : 1;
        }
        return n;
    }

    /** Values that resolve a claim on a block defined by column c: its limbs, then its other committed sources. */
    static int definitionValueCount(RangeColumn c) {
        int n = c.limbs();
        for (int j = 1; j < c.sources().length; j++) {
            n += c.sources()[j] == RangeColumn.PUBLIC_INPUT ? 0 : 1;
        }
        return n;
    }

    static InferenceProof.RangeProof prove(ProofSession session) {
        WitnessPlan plan = session.plan;
        long[][] blocks = session.witness.blocks();
        LogUpGkrProver.Output lookup = LogUpGkrProver.proveChunks(RangeTable.limbs(),
                plan.region.chunks(blocks[plan.regionBlock]), null, blocks[plan.multiplicityBlock], session.transcript);
        recordLookup(session, lookup.claims());
        long[][] limbs = limbTables(plan, blocks[plan.regionBlock]);
        List<Ext3[]> all = new ArrayList<>();
        for (int k = 0; k < plan.ranges.size(); k++) {
            RangeColumn c = plan.ranges.get(k);
            Ext3[] values = new Ext3[valueCount(plan, k)];
            if (values.length == 0) {
                all.add(values);
                continue;
            }
            long[] z = session.transcript.challengeExts("range-point", c.vars());
            int[] subBlocks = checkedSubBlocks(plan, k);
            int i = 0;
            for (int s : checkedSources(plan, k)) {
                values[i++] = Multilinear.evaluate(blocks[s], z);
            }
            for (int sub : subBlocks) {
                values[i++] = Multilinear.evaluate(limbs[c.firstLimb() + sub], z);
            }
            session.transcript.exts("range-values", interleave(values));
            recordColumn(session, plan, k, z, values);
            all.add(values);
        }
        return new InferenceProof.RangeProof(lookup.proof(), all, resolve(session, limbs));
    }

    static void verify(ProofSession session, InferenceProof.RangeProof proof) throws VerificationException {
        WitnessPlan plan = session.plan;
        LookupClaims claims = LogUpGkrVerifier.verifyChunks(RangeTable.limbs(), plan.region.chunkVars, proof.lookup(),
                session.transcript, null);
        recordLookup(session, claims);
        for (int k = 0; k < plan.ranges.size(); k++) {
            RangeColumn c = plan.ranges.get(k);
            Ext3[] values = proof.columnValues().get(k);
            if (values.length == 0) {
                continue;
            }
            long[] z = session.transcript.challengeExts("range-point", c.vars());
            int i = 0;
            if (!defining(plan, k)) {
                Ext3 column = Multilinear.evaluate(c.offsets(), ProofSession.slice(z, 0, c.colVars()));
                for (int j = 0; j < c.sources().length; j++) {
                    Ext3 src = c.sources()[j] == RangeColumn.PUBLIC_INPUT ? session.publicInputAt(z) : values[i++];
                    column = column.add(src.mulBase(Goldilocks.fromSigned(c.coefs()[j])));
                }
                if (!column.equals(fromLimbs(values, i, c.limbs()))) {
                    throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                            c.what() + ": the column is not the sum of its limbs");
                }
            }
            int[] bounded = c.boundedLimbs();
            int[] subBlocks = checkedSubBlocks(plan, k);
            long[] zColumn = ProofSession.slice(z, 0, c.colVars());
            for (int j = 0; j < bounded.length; j++) {
                Ext3 limb = values[i + indexOf(subBlocks, bounded[j])];
                Ext3 offset = Multilinear.evaluate(c.companionOffsets(bounded[j]), zColumn);
                if (!values[i + indexOf(subBlocks, c.limbs() + j)].equals(limb.add(offset))) {
                    throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                            c.what() + ": limb " + bounded[j] + " is not bounded by its companion");
                }
            }
            session.transcript.exts("range-values", interleave(values));
            recordColumn(session, plan, k, z, values);
        }
        resolve(session, proof.resolutions());
    }

    /**
     * Prover: every claim on a virtual block, oldest first, becomes claims on the limbs and the other
     * sources of the column that defines it; the prover sends their values (which may add claims on other
     * virtual blocks, resolved in turn).
     */
    private static List<Ext3[]> resolve(ProofSession session, long[][] limbs) {
        WitnessPlan plan = session.plan;
        List<Ext3[]> out = new ArrayList<>();
        for (ClaimBook.Pending p = session.witnessClaims.nextPending(); p != null;
             p = session.witnessClaims.nextPending()) {
            RangeColumn c = plan.ranges.get(plan.definingColumn[p.block()]);
            Ext3[] values = new Ext3[definitionValueCount(c)];
            for (int l = 0; l < c.limbs(); l++) {
                values[l] = Multilinear.evaluate(limbs[c.firstLimb() + l], p.point());
            }
            int i = c.limbs();
            for (int j = 1; j < c.sources().length; j++) {
                if (c.sources()[j] != RangeColumn.PUBLIC_INPUT) {
                    values[i++] = Multilinear.evaluate(session.witness.blocks()[c.sources()[j]], p.point());
                }
            }
            recordDefinition(session, c, p.point(), values);
            out.add(values);
        }
        return out;
    }

    /**
     * Verifier: the same order; each claimed value must be what its definition gives from the sent values,
     * coef_0 v = sum_l 2^(16 l) limb_l(z) - offsets(z) - sum_(j > 0) coef_j src_j(z), exactly.
     */
    private static void resolve(ProofSession session, List<Ext3[]> sent) throws VerificationException {
        WitnessPlan plan = session.plan;
        int n = 0;
        for (ClaimBook.Pending p = session.witnessClaims.nextPending(); p != null;
             p = session.witnessClaims.nextPending(), n++) {
            RangeColumn c = plan.ranges.get(plan.definingColumn[p.block()]);
            if (n >= sent.size() || sent.get(n).length != definitionValueCount(c)) {
                throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                        "the proof does not resolve claim " + n + " on a block defined by " + c.what());
            }
            Ext3[] values = sent.get(n);
            long[] z = p.point();
            Ext3 defined = fromLimbs(values, 0, c.limbs())
                    .sub(Multilinear.evaluate(c.offsets(), ProofSession.slice(z, 0, c.colVars())));
            int i = c.limbs();
            for (int j = 1; j < c.sources().length; j++) {
                Ext3 src = c.sources()[j] == RangeColumn.PUBLIC_INPUT ? session.publicInputAt(z) : values[i++];
                defined = defined.sub(src.mulBase(Goldilocks.fromSigned(c.coefs()[j])));
            }
            if (!p.value().mulBase(Goldilocks.fromSigned(c.coefs()[0])).equals(defined)) {
                throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                        c.what() + ": a claimed value is not what the limbs define");
            }
            recordDefinition(session, c, z, values);
        }
        if (n != sent.size()) {
            throw new VerificationException(ZkmlReason.LIMB_DECOMPOSITION_MISMATCH,
                    "the proof resolves " + sent.size() + " claims on virtual blocks, the verifier made " + n);
        }
    }

    private static void recordDefinition(ProofSession session, RangeColumn c, long[] z, Ext3[] values) {
        session.transcript.exts("range-definition", interleave(values));
        for (int l = 0; l < c.limbs(); l++) {
            session.witnessClaims.addNested(session.plan.regionBlock, session.plan.limbLayout, c.firstLimb() + l, z,
                    values[l]);
        }
        int i = c.limbs();
        for (int j = 1; j < c.sources().length; j++) {
            if (c.sources()[j] != RangeColumn.PUBLIC_INPUT) {
                session.witnessClaims.add(c.sources()[j], z, values[i++]);
            }
        }
    }

    /** Every limb and companion sub-block of the region, as its own table. */
    private static long[][] limbTables(WitnessPlan plan, long[] region) {
        long[][] limbs = new long[plan.limbLayout.numBlocks()][];
        for (int b = 0; b < limbs.length; b++) {
            BlockLayout.Placement p = plan.limbLayout.placement(b);
            limbs[b] = java.util.Arrays.copyOfRange(region, p.offset(), p.offset() + (1 << p.vars()));
        }
        return limbs;
    }

    /** The committed sources column k sends values of: none when it defines its first source. */
    private static int[] checkedSources(WitnessPlan plan, int k) {
        if (defining(plan, k)) {
            return new int[0];
        }
        return java.util.Arrays.stream(plan.ranges.get(k).sources()).filter(s -> s != RangeColumn.PUBLIC_INPUT).toArray();
    }

    /** Sub-blocks (limbs 0..k-1, then companions k..) column k sends values of, in order. */
    private static int[] checkedSubBlocks(WitnessPlan plan, int k) {
        RangeColumn c = plan.ranges.get(k);
        if (!defining(plan, k)) {
            return java.util.stream.IntStream.range(0, c.subBlocks()).toArray();
        }
        int[] bounded = c.boundedLimbs();
        int[] out = new int[2 * bounded.length];
        for (int j = 0; j < bounded.length; j++) {
            out[j] = bounded[j];
            out[bounded.length + j] = c.limbs() + j;
        }
        return out;
    }

    private static int indexOf(int[] values, int v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        throw new IllegalStateException("sub-block " + v + " is not sent");
    }

    private static Ext3 fromLimbs(Ext3[] values, int from, int limbs) {
        Ext3 sum = Ext3.ZERO;
        for (int l = 0; l < limbs; l++) {
            sum = sum.add(values[from + l].mulBase(Goldilocks.pow(2, (long) RangeTable.LIMB_BITS * l)));
        }
        return sum;
    }

    /** Each chunk's claim is a claim on the region at (its point, the bits of its offset). */
    private static void recordLookup(ProofSession session, LookupClaims claims) {
        LimbRegion region = session.plan.region;
        for (int j = 0; j < region.chunkOffsets.length; j++) {
            EvaluationClaim chunk = claims.witnessColumns().get(j);
            session.witnessClaims.add(session.plan.regionBlock,
                    BlockLayout.embed(chunk.point(), region.chunkOffsets[j], region.vars()), chunk.value());
        }
        EvaluationClaim m = claims.multiplicities();
        session.witnessClaims.add(session.plan.multiplicityBlock, m.point(), m.value());
    }

    private static void recordColumn(ProofSession session, WitnessPlan plan, int k, long[] z, Ext3[] values) {
        RangeColumn c = plan.ranges.get(k);
        int i = 0;
        for (int s : checkedSources(plan, k)) {
            session.witnessClaims.add(s, z, values[i++]);
        }
        for (int sub : checkedSubBlocks(plan, k)) {
            session.witnessClaims.addNested(session.plan.regionBlock, session.plan.limbLayout, c.firstLimb() + sub, z,
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
