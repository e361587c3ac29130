package io.edgeproof.iop.sumcheck;

import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The prover's messages: one compressed round polynomial per variable, x_1 first.
 *
 * <p>Wire format: no counts, because the verifier knows the number of variables n and the degree d:
 * n rounds of d extension elements (24 bytes each), preceded by a header when encoded on its own.
 */
public record SumcheckProof(List<RoundPolynomial> rounds) {
    static final int MAGIC = 0x4353_5045; // "EPSC" little-endian
    static final int VERSION = 1;

    public SumcheckProof {
        rounds = List.copyOf(rounds);
    }

    public int numRounds() {
        return rounds.size();
    }

    public RoundPolynomial round(int i) {
        return rounds.get(i);
    }

    /** Appends the rounds to an enclosing proof, without header. */
    public void writeTo(ProofWriter out) {
        for (RoundPolynomial p : rounds) {
            out.bases(p.compressed());
        }
    }

    /** Reads n rounds of degree d written by {@link #writeTo}. */
    public static SumcheckProof readFrom(ProofReader in, int numVariables, int degree) throws MalformedProofException {
        checkShape(numVariables, degree);
        List<RoundPolynomial> rounds = new ArrayList<>(numVariables);
        for (int i = 0; i < numVariables; i++) {
            rounds.add(new RoundPolynomial(in.bases("sumcheck round " + i, 3 * degree)));
        }
        return new SumcheckProof(rounds);
    }

    public byte[] toBytes() {
        ProofWriter out = new ProofWriter().header(MAGIC, VERSION);
        writeTo(out);
        return out.toByteArray();
    }

    public static SumcheckProof fromBytes(byte[] bytes, int numVariables, int degree) throws MalformedProofException {
        ProofReader in = new ProofReader(bytes);
        in.header(MAGIC, VERSION, "sumcheck proof");
        SumcheckProof proof = readFrom(in, numVariables, degree);
        in.expectEnd("sumcheck proof");
        return proof;
    }

    private static void checkShape(int numVariables, int degree) {
        if (numVariables < 0 || numVariables > 64 || degree < 1 || degree > SumcheckExpression.MAX_DEGREE) {
            throw new IllegalArgumentException("no sumcheck has " + numVariables + " variables of degree " + degree);
        }
    }
}
