package io.edgeproof.iop.sumcheck;

import io.edgeproof.commit.basefold.BasefoldParams;
import io.edgeproof.commit.basefold.BasefoldReason;
import io.edgeproof.commit.basefold.HidingBasefold;
import io.edgeproof.commit.basefold.HidingBasefoldVerifier;
import io.edgeproof.commit.basefold.HidingCommitment;
import io.edgeproof.commit.basefold.HidingProof;
import io.edgeproof.commit.basefold.HidingProverData;
import io.edgeproof.commit.basefold.WeightedClaim;
import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.DomainSeparator;
import io.edgeproof.transcript.Hasher;
import io.edgeproof.transcript.Transcript;
import io.edgeproof.transcript.VerificationException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mask commitment of {@link ZkSumcheck} on hiding Basefold: the mask's coefficients are committed as a
 * base-field table T and g(r) is opened in zero knowledge as a weighted claim on T.
 *
 * <p>T has 2 + m + l variables, m = ceil(log2(d + 1)), l = ceil(log2 n): entry (c, e, i) (c the lowest two
 * index bits) is coordinate c of the coefficient of x_i^e, with a_0 at (c, 0, 0) and zeros elsewhere. Then
 * g(r) = sum over nonzero entries of T[c, e, i] alpha^c r_i^e: a weighted claim with one boolean point per
 * entry, which the hiding opening proves without revealing anything about T beyond g(r) (its folding
 * sumcheck is masked, so no separate, leaky inner-product sumcheck is needed).
 *
 * <p>The interface carries no transcript, so each opening runs on its own transcript that binds the
 * commitment, the point and the value (the statement it proves). Each committed mask is opened once.
 */
public final class BasefoldMaskScheme implements MaskCommitmentScheme {
    private static final DomainSeparator DOMAIN = new DomainSeparator("edgeproof-zk-mask-basefold", 1);
    /** Largest mask degree a verifier accepts (the sumcheck's own degree bound is far below). */
    public static final int MAX_DEGREE = 16;
    private static final int MAX_MASK_VARIABLES = 64;

    private final BasefoldParams params;
    private final SecureRandom random;
    private final Map<MaskPolynomial, HidingProverData> committed = new HashMap<>();

    public BasefoldMaskScheme(BasefoldParams params, SecureRandom random) {
        this.params = params;
        this.random = random;
    }

    @Override
    public synchronized byte[] commit(MaskPolynomial mask) {
        HidingProverData data = HidingBasefold.commit(params, table(mask), random);
        committed.put(mask, data);
        return commitmentBytes(mask, data.commitment());
    }

    @Override
    public synchronized byte[] open(MaskPolynomial mask, long[] point, Ext3 value) {
        HidingProverData data = committed.remove(mask);
        if (data == null) {
            throw new IllegalStateException("this mask was not committed by this scheme (or was opened already)");
        }
        byte[] commitment = commitmentBytes(mask, data.commitment());
        WeightedClaim claim = claim(mask.numVariables(), mask.degree(), point, value);
        HidingProof proof = HidingBasefold.open(params, List.of(data), List.of(claim),
                transcript(commitment, point, value), random);
        return proof.toBytes();
    }

    @Override
    public void verify(byte[] commitment, long[] point, Ext3 value, byte[] opening) throws VerificationException {
        int n = point.length / 3;
        try {
            ProofReader in = new ProofReader(commitment);
            int vars = in.count("mask variables", n, n);
            int degree = in.count("mask degree", 1, MAX_DEGREE);
            int tableVars = tableVariables(vars, degree);
            int extra = in.count("extra variables", 1, BasefoldParams.MAX_VARIABLES - tableVars);
            HidingCommitment c = new HidingCommitment(in.bytes("mask root", Hasher.DIGEST_BYTES), tableVars, extra);
            in.expectEnd("mask commitment");
            HidingProof proof = HidingProof.fromBytes(opening, params, tableVars, extra, 1, 1);
            HidingBasefoldVerifier.verify(params, List.of(c), List.of(claim(vars, degree, point, value)), proof,
                    transcript(commitment, point, value));
        } catch (MalformedProofException e) {
            throw new VerificationException(BasefoldReason.SHAPE_MISMATCH, "mask commitment or opening: " + e.getMessage());
        }
    }

    /** Mask shape (n, d), extra hiding variables, salted root. */
    private static byte[] commitmentBytes(MaskPolynomial mask, HidingCommitment c) {
        return new ProofWriter().u32(mask.numVariables()).u32(mask.degree()).u32(c.extraVariables()).bytes(c.root())
                .toByteArray();
    }

    private static Transcript transcript(byte[] commitment, long[] point, Ext3 value) {
        return Transcript.open(DOMAIN, b -> b.bytes("zk-mask-commitment", commitment).exts("zk-mask-point", point)
                .ext("zk-mask-value", value));
    }

    static int tableVariables(int numVariables, int degree) {
        if (numVariables < 1 || numVariables > MAX_MASK_VARIABLES || degree < 1 || degree > MAX_DEGREE) {
            throw new IllegalArgumentException("mask shape out of range: n = " + numVariables + ", d = " + degree);
        }
        return 2 + ceilLog2(degree + 1) + ceilLog2(numVariables);
    }

    private static int ceilLog2(int x) {
        return 32 - Integer.numberOfLeadingZeros(x - 1);
    }

    private static int index(int coordinate, int power, int variable, int degree) {
        return coordinate + 4 * (power + (variable << ceilLog2(degree + 1)));
    }

    /** The coefficient table T of a mask. */
    static long[] table(MaskPolynomial mask) {
        int n = mask.numVariables(), d = mask.degree();
        long[] t = new long[1 << tableVariables(n, d)];
        long[] coefficients = mask.coefficients();
        for (int c = 0; c < 3; c++) {
            t[index(c, 0, 0, d)] = coordinate(mask.constant(), c);
            for (int i = 0; i < n; i++) {
                for (int e = 1; e <= d; e++) {
                    t[index(c, e, i, d)] = coefficients[3 * (i * d + e - 1) + c];
                }
            }
        }
        return t;
    }

    private static long coordinate(Ext3 x, int c) {
        return c == 0 ? x.c0() : c == 1 ? x.c1() : x.c2();
    }

    /** g(point) = value as a weighted claim on T: weight alpha^c r_i^e at the boolean point of entry (c, e, i). */
    static WeightedClaim claim(int n, int d, long[] point, Ext3 value) {
        int vars = tableVariables(n, d);
        List<long[]> points = new ArrayList<>();
        List<Ext3> weights = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Ext3 alpha = Ext3.of(c == 0 ? 1 : 0, c == 1 ? 1 : 0, c == 2 ? 1 : 0);
            points.add(booleanPoint(index(c, 0, 0, d), vars));
            weights.add(alpha);
            for (int i = 0; i < n; i++) {
                Ext3 r = Ext3.read(point, i);
                Ext3 power = alpha;
                for (int e = 1; e <= d; e++) {
                    power = power.mul(r);
                    points.add(booleanPoint(index(c, e, i, d), vars));
                    weights.add(power);
                }
            }
        }
        return new WeightedClaim(points, weights.toArray(new Ext3[0]), new Ext3[] {value});
    }

    private static long[] booleanPoint(int index, int vars) {
        long[] p = new long[3 * vars];
        for (int k = 0; k < vars; k++) {
            p[3 * k] = (index >>> k) & 1;
        }
        return p;
    }
}
