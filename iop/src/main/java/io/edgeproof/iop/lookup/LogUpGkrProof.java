package io.edgeproof.iop.lookup;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.iop.gkr.FractionalSumProof;
import java.util.ArrayList;
import java.util.List;

/**
 * A LogUp-GKR proof: one batched fractional-sum GKR over the witness fractions 1/(alpha - w_i) (one tree per
 * witness chunk, usually one) and the table fractions m_j/(alpha - t_j) (the last tree), sharing a sumcheck
 * per layer until each tree reaches its leaves; and the witness columns' values at each chunk's leaf point.
 *
 * <p>Wire format: header, the batched proof, one extension value per chunk and column; the shape (the
 * depths, column count) comes from the verifier's parameters.
 */
public record LogUpGkrProof(FractionalSumProof sums, List<Ext3> witnessEvaluations) {
    static final int MAGIC = 0x554C_5045; // "EPLU" little-endian
    static final int VERSION = 2;

    public LogUpGkrProof {
        if (sums == null || sums.rootNumerators().size() < 2) {
            throw new IllegalArgumentException("a LogUp proof needs the witness and table fraction sums");
        }
        witnessEvaluations = List.copyOf(witnessEvaluations);
    }

    public void writeTo(ProofWriter out) {
        sums.writeTo(out);
        for (Ext3 e : witnessEvaluations) {
            out.ext(e);
        }
    }

    public static LogUpGkrProof readFrom(ProofReader in, int witnessVariables, int tableVariables, int numColumns)
            throws MalformedProofException {
        return readFrom(in, new int[] {witnessVariables}, tableVariables, numColumns);
    }

    /** The proof of a lookup of witness chunks with these numbers of variables. */
    public static LogUpGkrProof readFrom(ProofReader in, int[] chunkVariables, int tableVariables, int numColumns)
            throws MalformedProofException {
        if (numColumns < 1 || numColumns > 64) {
            throw new IllegalArgumentException("no lookup has " + numColumns + " columns");
        }
        int[] trees = java.util.Arrays.copyOf(chunkVariables, chunkVariables.length + 1);
        trees[chunkVariables.length] = tableVariables;
        FractionalSumProof sums = FractionalSumProof.readFrom(in, trees);
        int values = chunkVariables.length * numColumns;
        List<Ext3> evaluations = new ArrayList<>(values);
        for (int c = 0; c < values; c++) {
            evaluations.add(in.ext("witness column evaluation"));
        }
        return new LogUpGkrProof(sums, evaluations);
    }

    public byte[] toBytes() {
        ProofWriter out = new ProofWriter().header(MAGIC, VERSION);
        writeTo(out);
        return out.toByteArray();
    }

    public static LogUpGkrProof fromBytes(byte[] bytes, int witnessVariables, int tableVariables, int numColumns)
            throws MalformedProofException {
        ProofReader in = new ProofReader(bytes);
        in.header(MAGIC, VERSION, "LogUp-GKR proof");
        LogUpGkrProof proof = readFrom(in, witnessVariables, tableVariables, numColumns);
        in.expectEnd("LogUp-GKR proof");
        return proof;
    }
}
