package io.edgeproof.zkml.zk;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldProver;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingProverData;
import io.edgeproof.field.Ext3;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.zkml.proof.DenseCircuit;
import io.edgeproof.zkml.proof.ProverKey;
import io.edgeproof.zkml.quant.QuantizedModel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Proves quantized inference in zero knowledge (design and argument in zkml/ZK.md): the witness is
 * committed in two hiding polynomials (P1, then P2 once the lookup challenge is drawn), every check is a
 * Libra-masked zero-claim sumcheck over one-time masked columns, and every claim is discharged by a hiding
 * opening (public weights: a plain opening of the public-mode commitment).
 */
public final class ZkProver {
    public static final int PROTOCOL_VERSION = 1;
    static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof/zkml-zk-inference", PROTOCOL_VERSION);
    /** Proofs a hidden-weight setup may make by default (its slot sets and opening budget). */
    public static final int DEFAULT_BUDGET = 64;
    static final String ALPHA = "zk-lookup-alpha";
    static final String ZETA = "zk-lookup-zeta";

    private ZkProver() {}

    /** Hidden-weight setup with the standard commitment parameters. */
    public static ZkProverKey setup(QuantizedModel model, int budget, SecureRandom random) {
        return setup(model, BasefoldParams.standard(), budget, random);
    }

    /** Builds the circuit (or refuses naming the op) and commits the weights, hiding, for {@code budget} proofs. */
    public static ZkProverKey setup(QuantizedModel model, BasefoldParams params, int budget, SecureRandom random) {
        ZkCircuit circuit = ZkCircuit.of(model);
        if (circuit.denseSteps().isEmpty()) {
            throw new io.edgeproof.zkml.proof.NotProvableException("zero-knowledge proof with hidden weights: the model has"
                    + " no weights to hide");
        }
        return ZkProverKey.create(model, circuit, params, budget, random);
    }

    /** Hidden weights, public input ({@code batch} int16 samples end to end). */
    public static ZkProofOutput prove(ZkProverKey key, ZkProverKey.WeightSlot slot, int[] input, int batch,
                                      byte[] context, SecureRandom random) {
        return prove(Side.of(key, slot), input, batch, null, 0, context, random, Tamper.NONE);
    }

    /** Hidden weights and hidden input; {@code inputSlot} must not have been used with this input commitment. */
    public static ZkProofOutput prove(ZkProverKey key, ZkProverKey.WeightSlot slot, HiddenInput input, int inputSlot,
                                      byte[] context, SecureRandom random) {
        return prove(Side.of(key, slot), input.input(), input.batch(), input, inputSlot, context, random, Tamper.NONE);
    }

    /** Public weights (a public-mode key) and hidden input. */
    public static ZkProofOutput prove(ProverKey key, HiddenInput input, int inputSlot, byte[] context,
                                      SecureRandom random) {
        return prove(Side.of(key), input.input(), input.batch(), input, inputSlot, context, random, Tamper.NONE);
    }

    /** What the prover proves with: parameters, circuit, model id, weights and their commitment. */
    record Side(BasefoldParams params, ZkCircuit circuit, byte[] modelId, QuantizedModel model, long[][] weightBlocks,
                ZkProverKey hidden, int weightSlot, ProverKey open) {
        static Side of(ZkProverKey key, ZkProverKey.WeightSlot slot) {
            ZkVerifierKey vk = key.verifierKey();
            return new Side(vk.params(), vk.circuit(), vk.modelId(), key.model(),
                    ZkProverKey.weightBlocks(key.model(), vk.circuit()), key, slot.spend(key), null);
        }

        static Side of(ProverKey key) {
            ZkCircuit circuit = ZkCircuit.of(key.model());
            return new Side(DenseCircuit.params(key.verifierKey()), circuit, key.verifierKey().modelId(), key.model(),
                    ZkProverKey.weightBlocks(key.model(), circuit), null, 0, key);
        }

        boolean weightsHidden() {
            return hidden != null;
        }
    }

    /**
     * A test hook: the model and input the trace is computed from, an edit of the trace, the outputs claimed,
     * an edit of the softmax witness.
     */
    record Tamper(QuantizedModel traceModel, int[] traceInput, DenseCircuit.TraceEdit edit,
                  UnaryOperator<int[]> claimedOutputs, ZkWitness.SoftmaxEdit softmax) {
        static final Tamper NONE = new Tamper(null, null, DenseCircuit.TraceEdit.NONE, UnaryOperator.identity());

        Tamper(QuantizedModel traceModel, int[] traceInput, DenseCircuit.TraceEdit edit,
               UnaryOperator<int[]> claimedOutputs) {
            this(traceModel, traceInput, edit, claimedOutputs, ZkWitness.SoftmaxEdit.NONE);
        }
    }

    static ZkProofOutput prove(Side side, int[] input, int batch, HiddenInput hidden, int inputSlot, byte[] context,
                               SecureRandom random, Tamper tamper) {
        if (batch < 1 || batch > ZkProof.MAX_BATCH) {
            throw new IllegalArgumentException("batch must be in [1, " + ZkProof.MAX_BATCH + "]");
        }
        if (hidden == null && !side.weightsHidden()) {
            throw new IllegalArgumentException("nothing to hide: use the public-mode prover");
        }
        int budget = side.weightsHidden() ? side.hidden().verifierKey().budget() : 1;
        int inputProofs = hidden == null ? 1 : hidden.commitment().proofs();
        if (hidden != null && (inputSlot < 0 || inputSlot >= inputProofs)) {
            throw new IllegalArgumentException("input slot " + inputSlot + " outside the commitment's " + inputProofs
                    + " proofs");
        }
        ZkPlan plan = ZkPlan.of(side.circuit(), batch, hidden != null, side.weightsHidden(), budget, inputProofs);
        if (hidden != null && hidden.commitment().commitment().numVariables() != plan.inputLayout.numVariables()) {
            throw new IllegalArgumentException("the input commitment was made for another model's input layout");
        }
        QuantizedModel traceModel = tamper.traceModel() != null ? tamper.traceModel() : side.model();
        DenseCircuit.Trace trace = DenseCircuit.of(traceModel).trace(traceModel,
                tamper.traceInput() != null ? tamper.traceInput() : input, batch, tamper.edit());
        int[] computed = outputsOf(side.circuit(), trace.tensors(), batch);
        int[] outputs = tamper.claimedOutputs().apply(computed);
        ZkStatement statement = new ZkStatement(side.modelId(), batch, hidden == null ? input : null,
                hidden == null ? null : hidden.commitment(), inputSlot, side.weightsHidden(), side.weightSlot(), outputs,
                context);
        Transcript t = Transcript.open(DOMAIN, statement);
        ZkWitness w = ZkWitness.of(plan, trace, side.weightBlocks(), input, tamper.softmax());
        MaskPolynomial[] masks = new MaskPolynomial[plan.checks.size()];
        for (int c = 0; c < masks.length; c++) {
            ZkPlan.CheckSlots cs = plan.checkSlots.get(c);
            masks[c] = MaskPolynomial.random(cs.numVariables(), cs.degree(), random);
        }
        BasefoldParams params = side.params();
        long[][] blocks1 = blocks(plan, ZkPlan.Poly.P1, w, masks, random);
        HidingProverData d1 = HidingBasefold.commit(params, plan.p1.assemble(blocks1), random);
        d1.commitment().bindTo(t);
        Ext3 alpha = t.challengeExt(ALPHA);
        Ext3 zeta = plan.hasTables() ? t.challengeExt(ZETA) : Ext3.ZERO;
        w.inverses(alpha, zeta, trace.tensors());
        long[][] blocks2 = blocks(plan, ZkPlan.Poly.P2, w, masks, random);
        HidingProverData d2 = HidingBasefold.commit(params, plan.p2.assemble(blocks2), random);
        d2.commitment().bindTo(t);

        ZkChecks.Challenges ch = ZkChecks.Challenges.of(t, alpha, zeta);
        PublicTensors pub = PublicTensors.of(plan, hidden == null ? input : null, outputs);
        Claims claims = new Claims(plan, inputSlot, side.weightSlot(), side.open() == null ? null : side.open().verifierKey());
        List<ZkProof.CheckProof> checks = new ArrayList<>();
        for (int c = 0; c < plan.checks.size(); c++) {
            Check check = ZkChecks.build(plan, c, ch, pub);
            int n = check.operands().size();
            long[][] tables = new long[n][];
            boolean[] ext = new boolean[n];
            for (int o = 0; o < n; o++) {
                Operand op = check.operands().get(o);
                if (op.revealed()) {
                    tables[o] = w.tables[op.column()];
                    ext[o] = plan.column(op.column()).ext();
                }
            }
            Ext3[] sigma = sigmas(plan, c, check, claims, blocks1, blocks2,
                    hidden == null ? null : hidden.masks(), side.weightsHidden() ? side.hidden().masks() : null);
            DeferredMask scheme = new DeferredMask(ZkPlan.Poly.P1.ordinal(), plan.checkSlots.get(c).maskBlock());
            CheckProver.Result r = CheckProver.prove(check, tables, ext, sigma, masks[c], scheme, t);
            claims.add(c, check, r.point(), r.values(), scheme, t);
            List<Ext3> revealed = new ArrayList<>();
            for (int o = 0; o < n; o++) {
                if (check.operands().get(o).revealed()) {
                    revealed.add(r.values()[o]);
                }
            }
            checks.add(new ZkProof.CheckProof(r.proof().maskSum(), r.proof().sumcheck(), r.proof().maskEvaluation(),
                    revealed.toArray(new Ext3[0])));
        }
        claims.addLookupSum();
        byte[] inputOpening = hidden == null ? null : HidingBasefold.open(params, List.of(hidden.data()),
                claims.of(ZkPlan.Poly.INPUT), t, random).toBytes();
        List<byte[]> weightOpenings = new ArrayList<>();
        if (side.weightsHidden()) {
            List<HidingProverData> parts = side.hidden().weightData();
            for (int p = 0; p < parts.size(); p++) {
                weightOpenings.add(HidingBasefold.open(params, List.of(parts.get(p)),
                        claims.of(new Claims.Target(ZkPlan.Poly.WEIGHTS, p)), t, random).toBytes());
            }
        } else if (!side.circuit().denseSteps().isEmpty()) {
            weightOpenings.add(BasefoldProver.open(params, DenseCircuit.weightData(side.open()), claims.plain(), t).toBytes());
        }
        byte[] p1Opening = HidingBasefold.open(params, List.of(d1), claims.of(ZkPlan.Poly.P1), t, random).toBytes();
        byte[] p2Opening = HidingBasefold.open(params, List.of(d2), claims.of(ZkPlan.Poly.P2), t, random).toBytes();
        ZkProof proof = new ZkProof(statement, d1.commitment().root(), d2.commitment().root(), checks, inputOpening,
                weightOpenings, p1Opening, p2Opening);
        return new ZkProofOutput(proof, computed);
    }

    /**
     * The blocks of P1 or P2 in block order: column groups (columns stacked, zero columns up to a power of
     * two), the checks' Libra masks (P1), and per check and group read its one-time masks (random for the
     * real columns, zero for padding columns, so a group's batched claim needs no padding values).
     */
    private static long[][] blocks(ZkPlan plan, ZkPlan.Poly poly, ZkWitness w, MaskPolynomial[] masks,
                                   SecureRandom random) {
        Layout layout = plan.layout(poly);
        long[][] out = new long[layout.blocks()][];
        for (ZkPlan.Group g : plan.groups) {
            if (g.poly() != poly) {
                continue;
            }
            int per = (g.ext() ? 4 : 1) << g.vars();
            long[] block = new long[per << g.columnBits()];
            for (int j = 0; j < g.columns().length; j++) {
                long[] t = w.tables[g.columns()[j]];
                System.arraycopy(g.ext() ? Layout.extBlock(t) : t, 0, block, j * per, per);
            }
            out[g.block()] = block;
        }
        for (int c = 0; c < plan.checks.size(); c++) {
            ZkPlan.CheckSlots cs = plan.checkSlots.get(c);
            if (poly == ZkPlan.Poly.P1) {
                out[cs.maskBlock()] = Layout.maskTable(masks[c]);
            }
            for (ZkPlan.GroupUse use : cs.groups()) {
                ZkPlan.Group g = plan.groups.get(use.group());
                if (use.sigmaBlock() >= 0 && g.poly() == poly) {
                    out[use.sigmaBlock()] = Layout.masks(random, g.columns().length, layout.blockVars(use.sigmaBlock()));
                }
            }
        }
        return out;
    }

    /** Per hidden operand of check c, the one-time mask its value uses. */
    private static Ext3[] sigmas(ZkPlan plan, int c, Check check, Claims claims, long[][] blocks1, long[][] blocks2,
                                 long[] inputMasks, List<long[]> weightMasks) {
        Ext3[] sigma = new Ext3[check.operands().size()];
        for (ZkPlan.GroupUse use : plan.checkSlots.get(c).groups()) {
            ZkPlan.Group g = plan.groups.get(use.group());
            for (int o = 0; o < sigma.length; o++) {
                Operand op = check.operands().get(o);
                if (op.kind() != Operand.Kind.HIDDEN || plan.column(op.column()).group() != use.group()) {
                    continue;
                }
                sigma[o] = switch (g.poly()) {
                    case INPUT -> Layout.element(inputMasks, claims.staticSlot(g));
                    case WEIGHTS -> Layout.element(weightMasks.get(g.part()), claims.staticSlot(g));
                    case P1 -> Layout.element(blocks1[use.sigmaBlock()], plan.column(op.column()).index());
                    case P2 -> Layout.element(blocks2[use.sigmaBlock()], plan.column(op.column()).index());
                };
            }
        }
        return sigma;
    }

    /** Per sample, the output tensors laid end to end. */
    static int[] outputsOf(ZkCircuit circuit, int[][] tensors, int batch) {
        int per = circuit.outputSize();
        int[] out = new int[batch * per];
        int offset = 0;
        for (int o : circuit.outputs()) {
            int n = circuit.tensor(o).size();
            for (int b = 0; b < batch; b++) {
                System.arraycopy(tensors[o], b * n, out, b * per + offset, n);
            }
            offset += n;
        }
        return out;
    }
}
