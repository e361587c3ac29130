package io.edgeproof.zkml.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgeproof.commit.poly.Multilinear;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.iop.sumcheck.MaskPolynomial;
import io.edgeproof.iop.sumcheck.ZkSumcheckProof;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The masked zero-check on its own: a column f over a 3 x 2 variable cube that must be boolean
 * (f (f - 1) = 0) and a column g that must equal 2 f + 1, both read through one-time masks.
 */
class CheckEngineTest {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-zk-check-test", 1);

    private record Run(CheckProver.Result result, Check check, long[][] tables) {}

    private static Check check(long[] tau) {
        Cube cube = Cube.of(3, 2);
        List<Operand> ops = List.of(Operand.hidden(0, 0b11), Operand.hidden(1, 0b11));
        Form f = Form.of(0);
        Form fMinusOne = new Form(new int[] {0}, new long[] {1}, Goldilocks.neg(1));
        Form identity = new Form(new int[] {1, 0}, new long[] {1, Goldilocks.neg(2)}, Goldilocks.neg(1));
        List<PublicTable> eq = List.of(PublicTable.ext(0b11, Multilinear.eqTable(tau)));
        Ext3 lambda = Ext3.of(5, 7, 11);
        return new Check("test", cube, ops, List.of(f, fMinusOne, identity),
                List.of(Term.of(Ext3.ONE, eq, 0, 1), Term.of(lambda, eq, 2)), ZkReason.ELEMENT_CONSTRAINT_VIOLATED, RoundShape.TABULATED);
    }

    private static Run prove(long[] f, Ext3 sigma, long seed) {
        long[] g = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            g[i] = Goldilocks.add(Goldilocks.mul(2, f[i]), 1);
        }
        Transcript t = Transcript.open(DOMAIN, b -> b.u64("test", 1));
        Check check = check(t.challengeExts("tau", 5));
        long[][] tables = {f, g};
        MaskPolynomial mask = MaskPolynomial.random(check.numVariables(), check.degree(), ZkFixtures.random(seed));
        CheckProver.Result r = CheckProver.prove(check, tables, new boolean[2], new Ext3[] {sigma, Ext3.of(3, 1, 4)},
                mask, new DeferredMask(0, 0), t);
        return new Run(r, check, tables);
    }

    private static long[] verify(Run run) throws VerificationException {
        Transcript t = Transcript.open(DOMAIN, b -> b.u64("test", 1));
        Check check = check(t.challengeExts("tau", 5));
        DeferredMask scheme = new DeferredMask(0, 0);
        ZkSumcheckProof p = run.result().proof();
        ZkSumcheckProof proof = new ZkSumcheckProof(scheme.handle(), p.maskSum(), p.sumcheck(), p.maskEvaluation(),
                new byte[0]);
        return CheckVerifier.verify(check, proof, run.result().values(), scheme, t);
    }

    private static long[] booleanColumn(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] f = new long[1 << 5];
        for (int i = 0; i < f.length; i++) {
            f[i] = rnd.nextInt(2);
        }
        return f;
    }

    @Test
    void honestColumnsVerify() throws VerificationException {
        Run run = prove(booleanColumn(1), Ext3.of(9, 9, 9), 2);
        assertThat(verify(run)).isEqualTo(run.result().point());
    }

    @Test
    void rejectsAColumnEntryThatBreaksItsConstraint() {
        long[] f = booleanColumn(3);
        f[17] = 2;
        Run run = prove(f, Ext3.of(9, 9, 9), 4);
        VerificationException e = assertThrows(VerificationException.class, () -> verify(run));
        assertThat(e.reason()).isEqualTo(ZkReason.ELEMENT_CONSTRAINT_VIOLATED);
    }

    @Test
    void rejectsARevealedValueChangedAfterTheFact() {
        Run run = prove(booleanColumn(5), Ext3.of(9, 9, 9), 6);
        run.result().values()[1] = run.result().values()[1].addBase(1);
        assertThrows(VerificationException.class, () -> verify(run));
    }

    @Test
    void revealedValuesAreMaskedAndChangeWithTheOneTimeMask() throws VerificationException {
        long[] f = booleanColumn(7);
        Run a = prove(f, Ext3.of(1, 2, 3), 8);
        Run b = prove(f, Ext3.of(4, 5, 6), 8);
        verify(a);
        verify(b);
        for (Run run : List.of(a, b)) {
            long[] rho = java.util.Arrays.copyOf(run.result().point(), 3 * 5);
            assertThat(run.result().values()[0]).isNotEqualTo(Multilinear.evaluate(f, rho));
        }
        // same column, same mask polynomial, same challenges up to the last round: only sigma differs
        assertThat(a.result().values()[0]).isNotEqualTo(b.result().values()[0]);
    }
}
