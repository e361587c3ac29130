package io.edgeproof.commit.basefold;

import io.edgeproof.commit.merkle.MerkleMultiProof;
import io.edgeproof.commit.merkle.MerkleShape;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.Hasher;
import java.util.ArrayList;
import java.util.List;

/**
 * A Basefold opening. Extension values are interleaved {@code long[]} (3 words each); round polynomials
 * are their values at 0, 1, 2.
 *
 * @param reductionRounds  point-reduction sumcheck, n rounds (empty for a direct opening)
 * @param reducedValues    f_i at the common point, one per polynomial (empty for a direct opening)
 * @param foldRounds       folding sumcheck, n - finalVariables rounds
 * @param layerRoots       Merkle roots of the committed folded layers
 * @param finalPolynomial  multilinear coefficients of the last folded polynomial, sent in the clear
 * @param powNonce         grinding nonce
 * @param inputOpenings    per committed polynomial, the cosets the queries touch
 * @param layerOpenings    per committed folded layer, the cosets the queries touch, without the entries the
 *                         verifier derives from the previous layer's fold
 */
public record BasefoldProof(long[] reductionRounds, long[] reducedValues, long[] foldRounds, List<byte[]> layerRoots,
        long[] finalPolynomial, long powNonce, List<MerkleMultiProof> inputOpenings,
        List<MerkleMultiProof> layerOpenings) {
    static final int MAGIC = 0x4446_4C42; // "BLFD" little-endian
    static final int VERSION = 2;

    public BasefoldProof {
        layerRoots = List.copyOf(layerRoots);
        inputOpenings = List.copyOf(inputOpenings);
        layerOpenings = List.copyOf(layerOpenings);
    }

    /**
     * Magic, version, a flag for the point reduction, then every field in order. Counts that follow from
     * the parameters and sizes are not sent; only Merkle openings carry counts.
     */
    public byte[] toBytes() {
        ProofWriter w = new ProofWriter().header(MAGIC, VERSION);
        writeBody(w);
        return w.toByteArray();
    }

    /** Everything after the header (the hiding proof embeds it after its own fields). */
    void writeBody(ProofWriter w) {
        w.u8(reductionRounds.length > 0 ? 1 : 0);
        w.bases(reductionRounds).bases(reducedValues).bases(foldRounds);
        for (byte[] root : layerRoots) {
            w.bytes(root);
        }
        w.bases(finalPolynomial).u64(powNonce);
        for (MerkleMultiProof o : inputOpenings) {
            o.write(w);
        }
        for (MerkleMultiProof o : layerOpenings) {
            o.write(w);
        }
    }

    /**
     * Decodes a proof for a batch of polynomials with these numbers of variables (in commitment order).
     * Every length is derived from the parameters and sizes or bounded by them before allocation;
     * non-canonical field elements, a wrong header, truncation and trailing bytes are all rejected.
     */
    public static BasefoldProof fromBytes(byte[] bytes, BasefoldParams params, int... numVariables)
            throws MalformedProofException {
        if (numVariables.length == 0) {
            throw new IllegalArgumentException("a proof opens at least one polynomial");
        }
        int max = 0;
        int min = Integer.MAX_VALUE;
        for (int v : numVariables) {
            if (v < 0 || v > BasefoldParams.MAX_VARIABLES) {
                throw new IllegalArgumentException("numVariables out of range: " + v);
            }
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        FoldingSchedule schedule = FoldingSchedule.of(params, max, min);
        ProofReader r = new ProofReader(bytes);
        r.header(MAGIC, VERSION, "Basefold proof");
        List<MerkleShape> inputShapes = new ArrayList<>();
        for (int v : numVariables) {
            inputShapes.add(QueryPhase.inputShape(params, v));
        }
        BasefoldProof proof = readBody(r, params, schedule, inputShapes, true);
        r.expectEnd("Basefold proof");
        return proof;
    }

    /**
     * Reads what {@link #writeBody} wrote, for inputs of these shapes (in commitment order); a point
     * reduction is accepted only if {@code reductionAllowed}.
     */
    static BasefoldProof readBody(ProofReader r, BasefoldParams params, FoldingSchedule schedule,
            List<MerkleShape> inputShapes, boolean reductionAllowed) throws MalformedProofException {
        int max = schedule.numVariables();
        int flag = r.u8("point-reduction flag");
        if (flag > (reductionAllowed ? 1 : 0)) {
            throw new MalformedProofException("point-reduction flag out of range: " + flag);
        }
        boolean reduce = flag == 1;
        long[] reductionRounds = r.bases("point-reduction round", reduce ? 9 * max : 0);
        long[] reducedValues = r.bases("reduced value", reduce ? 3 * inputShapes.size() : 0);
        long[] foldRounds = r.bases("folding round", 9 * schedule.rounds());
        List<byte[]> roots = new ArrayList<>();
        for (int s = 0; s < schedule.committedLayers(); s++) {
            roots.add(r.bytes("layer root", Hasher.DIGEST_BYTES));
        }
        long[] finalPolynomial = r.bases("final polynomial", 3 << schedule.finalVariables());
        long nonce = r.u64("proof-of-work nonce");
        List<MerkleMultiProof> inputs = new ArrayList<>();
        for (MerkleShape shape : inputShapes) {
            inputs.add(MerkleMultiProof.read(r, shape, params.queries()));
        }
        List<MerkleMultiProof> layers = new ArrayList<>();
        for (int s = 1; s <= schedule.committedLayers(); s++) {
            MerkleShape shape = QueryPhase.layerShape(schedule, s);
            layers.add(MerkleMultiProof.readPartialRows(r, shape, params.queries()));
        }
        return new BasefoldProof(reductionRounds, reducedValues, foldRounds, roots, finalPolynomial, nonce, inputs, layers);
    }
}
