package io.edgeproof.zkml.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.iop.lookup.LookupReason;
import io.edgeproof.transcript.VerificationException;
import io.edgeproof.zkml.quant.QLayer;
import io.edgeproof.zkml.quant.QNode;
import io.edgeproof.zkml.quant.QuantizedModel;
import io.edgeproof.zkml.quant.Requant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The honest prover run on a wrong witness (one value changed, everything downstream recomputed from it):
 * each must be rejected, for the reason that names the broken relation.
 */
class WrongWitnessTest {
    private static final String MODEL = "digits-mlp";
    private static final byte[] CONTEXT = ProofFixtures.context("job-7");

    private static VerificationException.Reason rejection(WitnessTamper tamper) {
        return rejection(tamper, ProofFixtures.input(ProofFixtures.key(MODEL), 2, 11));
    }

    private static VerificationException.Reason rejection(WitnessTamper tamper, int[] input) {
        ProverKey key = ProofFixtures.key(MODEL);
        ProofOutput out = ZkmlProver.prove(key, input, 2, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        return e.reason();
    }

    /** Step index of the n-th Linear (or Relu) step of the model. */
    private static int step(Class<?> kind, int nth) {
        List<ModelCircuit.Step> steps = ProofFixtures.key(MODEL).verifierKey().circuit().steps();
        int seen = 0;
        for (int s = 0; s < steps.size(); s++) {
            if (kind.isInstance(steps.get(s)) && seen++ == nth) {
                return s;
            }
        }
        throw new IllegalArgumentException("no such step");
    }

    private static WitnessTamper afterLinear(int nth, LinearEdit edit) {
        int target = step(ModelCircuit.Linear.class, nth);
        ModelCircuit.Linear l = (ModelCircuit.Linear) ProofFixtures.key(MODEL).verifierKey().circuit().steps().get(target);
        return new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == target) {
                    edit.apply(l, tensors[l.output()], trace.quotient(), trace.remainder());
                }
            }
        };
    }

    /** Every input value at an int16 bound, so the first layer saturates both ways. */
    private static int[] saturatingInput() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        int[] x = new int[2 * ProofFixtures.key(MODEL).verifierKey().inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextBoolean() ? Requant.HI : Requant.LO;
        }
        return x;
    }

    interface LinearEdit {
        void apply(ModelCircuit.Linear l, int[] y, long[] t, long[] r);
    }

    @Test
    void rejectsOneChangedWeight() {
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public QuantizedModel model(QuantizedModel m) {
                List<QNode> nodes = new ArrayList<>(m.nodes());
                int k = ((ModelCircuit.Linear) ProofFixtures.key(MODEL).verifierKey().circuit().steps()
                        .get(step(ModelCircuit.Linear.class, 1))).node();
                QNode n = nodes.get(k);
                QLayer.Linear l = (QLayer.Linear) n.layer();
                byte[] w = l.weights().clone();
                w[5] = (byte) (w[5] == 127 ? 126 : w[5] + 1);
                nodes.set(k, new QNode(n.name(), new QLayer.Linear(l.inFeatures(), l.outFeatures(), w, l.bias(), l.rq()),
                        n.inputs(), n.shape(), n.scale()));
                return new QuantizedModel(m.inputShape(), m.inputScale(), nodes, m.outputs());
            }
        };
        // the opening's point reduction starts from the claimed values: its first round cannot add up
        assertEquals(BasefoldReason.SUMCHECK_ROUND_MISMATCH, rejection(tamper));
    }

    @Test
    void rejectsOneChangedInput() {
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public int[] input(int[] statement) {
                int[] x = statement.clone();
                x[3] = x[3] == Requant.HI ? 0 : x[3] + 1;
                return x;
            }
        };
        assertEquals(ZkmlReason.LINEAR_MATMUL_MISMATCH, rejection(tamper));
    }

    @Test
    void rejectsOneChangedRemainder() {
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, rejection(afterLinear(0, (l, y, t, r) -> r[4] += 1)));
    }

    @Test
    void rejectsOneChangedQuotientWithItsOutputAndEverythingDownstream() {
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, rejection(afterLinear(0, (l, y, t, r) -> {
            t[4] += 1;
            y[4] = (int) Math.clamp(t[4], Requant.LO, Requant.HI);
        })));
    }

    @Test
    void rejectsRoundingDownWithAnOutOfRangeRemainder() {
        // acc M + 2^(s-1) = (t - 1) 2^s + (r + 2^s): the equation holds, only 0 <= r < 2^s is broken.
        assertEquals(LookupReason.SUMS_DIFFER, rejection(afterLinear(1, (l, y, t, r) -> {
            int c = 4 % l.out();
            t[4] -= 1;
            r[4] += 1L << l.shifts()[c];
            y[4] = (int) Math.clamp(t[4], Requant.LO, Requant.HI);
        })));
    }

    @Test
    void rejectsARemainderBelowTheWidestShiftButAboveItsChannelsShift() {
        // The shared models now use s = 32 on every channel; this variant of the first layer keeps channel 0 at
        // (M, s) and moves the others to the equal pair (2M, s + 1), so channel 0 is below the widest shift.
        // r + 2^(s_0) then fits the widest bound: only channel 0's bound on its top limb is broken.
        ProverKey key = ZkmlProver.setup(withWiderShiftsAfterChannelZero(ProofFixtures.model(MODEL)));
        int target = -1;
        List<ModelCircuit.Step> steps = key.verifierKey().circuit().steps();
        for (int s = steps.size() - 1; s >= 0; s--) {
            target = steps.get(s) instanceof ModelCircuit.Linear ? s : target;
        }
        ModelCircuit.Linear l = (ModelCircuit.Linear) steps.get(target);
        assertTrue(l.shifts()[0] < l.maxShift());
        int first = target;
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == first) {
                    long[] t = trace.quotient();
                    int[] y = tensors[l.output()];
                    t[0] -= 1;
                    trace.remainder()[0] += 1L << l.shifts()[0];
                    y[0] = (int) Math.clamp(t[0], Requant.LO, Requant.HI);
                }
            }
        };
        ProofOutput out = ZkmlProver.prove(key, ProofFixtures.input(key, 2, 11), 2, CONTEXT, tamper);
        VerificationException e = assertThrows(VerificationException.class,
                () -> ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT));
        assertEquals(LookupReason.SUMS_DIFFER, e.reason());
    }

    private static QuantizedModel withWiderShiftsAfterChannelZero(QuantizedModel m) {
        List<QNode> nodes = new ArrayList<>(m.nodes());
        for (int k = 0; k < nodes.size(); k++) {
            QNode n = nodes.get(k);
            if (n.layer() instanceof QLayer.Linear l) {
                long[] mult = l.rq().multipliers().clone();
                int[] shift = l.rq().shifts().clone();
                for (int c = 1; c < mult.length; c++) {
                    mult[c] *= 2;
                    shift[c] += 1;
                }
                nodes.set(k, new QNode(n.name(), new QLayer.Linear(l.inFeatures(), l.outFeatures(), l.weights(), l.bias(),
                        new Requant(mult, shift)), n.inputs(), n.shape(), n.scale()));
                return new QuantizedModel(m.inputShape(), m.inputScale(), nodes, m.outputs());
            }
        }
        throw new IllegalStateException("no Linear layer");
    }

    @Test
    void rejectsAnOutputThatSkipsTheClamp() {
        // y one below clamp(t) with t = y + e+: the excess is positive but y is not the upper bound.
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, rejection(afterLinear(0, (l, y, t, r) -> {
            int i = y[0] > Requant.LO ? 0 : 1;
            y[i] -= 1;
        })));
    }

    @Test
    void provesOutputsClampedAtBothBounds() throws Exception {
        // e = t - 32767 at y = 32767 and e = -32768 - t at y = -32768: one excess block for both signs.
        ProverKey key = ProofFixtures.key(MODEL);
        int[] input = saturatingInput();
        int first = step(ModelCircuit.Linear.class, 0);
        ModelCircuit.Linear l = (ModelCircuit.Linear) key.verifierKey().circuit().steps().get(first);
        TracingEvaluator.Trace trace = TracingEvaluator.run(key.verifierKey().circuit(), key.model(), input, 2,
                WitnessTamper.NONE);
        long[] t = trace.linear()[first].quotient();
        int[] y = trace.tensors()[l.output()];
        boolean high = false, low = false;
        for (int i = 0; i < y.length; i++) {
            high |= y[i] == Requant.HI && t[i] > Requant.HI;
            low |= y[i] == Requant.LO && t[i] < Requant.LO;
        }
        assertTrue(high && low, "the input no longer saturates both bounds");
        ProofOutput out = ZkmlProver.prove(key, input, 2, CONTEXT);
        ZkmlVerifier.verify(key.verifierKey(), out.proof().toBytes(), CONTEXT);
    }

    @Test
    void rejectsAnOutputClampedAtTheWrongBound() {
        // y = -32768 where t > 32767: the excess e = t + 32768 counts downwards at the lower bound, so
        // t = y - e is far from the true quotient.
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, rejection(afterLinear(0, (l, y, t, r) -> {
            for (int i = 0; i < y.length; i++) {
                if (y[i] == Requant.HI && t[i] > Requant.HI) {
                    y[i] = Requant.LO;
                    return;
                }
            }
            throw new IllegalStateException("no output clamped at the upper bound");
        }), saturatingInput()));
    }

    @Test
    void rejectsAReluThatPassesANegativeValue() {
        int target = step(ModelCircuit.Relu.class, 0);
        ModelCircuit.Relu relu = (ModelCircuit.Relu) ProofFixtures.key(MODEL).verifierKey().circuit().steps().get(target);
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == target) {
                    int[] y = tensors[relu.input()];
                    for (int i = 0; i < y.length; i++) {
                        if (y[i] < 0) {
                            tensors[relu.output()][i] = y[i];
                            return;
                        }
                    }
                    throw new IllegalStateException("no negative pre-activation");
                }
            }
        };
        assertEquals(LookupReason.SUMS_DIFFER, rejection(tamper));
    }

    @Test
    void rejectsAReluThatZeroesAPositiveValue() {
        // Its one range column 2z - y is then -y < 0.
        int target = step(ModelCircuit.Relu.class, 1);
        ModelCircuit.Relu relu = (ModelCircuit.Relu) ProofFixtures.key(MODEL).verifierKey().circuit().steps().get(target);
        WitnessTamper tamper = new WitnessTamper() {
            @Override
            public void afterStep(int step, int[][] tensors, TracingEvaluator.LinearTrace trace) {
                if (step == target) {
                    int[] y = tensors[relu.input()];
                    for (int i = 0; i < y.length; i++) {
                        if (y[i] > 0) {
                            tensors[relu.output()][i] = 0;
                            return;
                        }
                    }
                    throw new IllegalStateException("no positive pre-activation");
                }
            }
        };
        assertEquals(LookupReason.SUMS_DIFFER, rejection(tamper));
    }

    @Test
    void rejectsAWrongFinalOutputEvenWhenCommittedConsistently() {
        int lastLinear = ProofFixtures.key(MODEL).verifierKey().circuit().linearSteps().size() - 1;
        assertEquals(ZkmlReason.LINEAR_CONSTRAINT_VIOLATED, rejection(afterLinear(lastLinear,
                (l, y, t, r) -> y[1] = y[1] == Requant.HI ? 0 : y[1] + 1)));
    }
}
