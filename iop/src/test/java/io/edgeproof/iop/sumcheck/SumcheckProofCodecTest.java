package io.edgeproof.iop.sumcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SumcheckProofCodecTest {
    private static final int N = 4;
    private static final int HEADER = 5;
    private final SumcheckProof proof = SumcheckWorkload.randomProductOfTwo(N, 3).prove().proof();

    @Test
    void roundTrips() throws MalformedProofException {
        byte[] bytes = proof.toBytes();
        assertThat(bytes).hasSize(HEADER + N * 2 * 24);
        assertThat(SumcheckProof.fromBytes(bytes, N, 2)).isEqualTo(proof);
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] bytes = proof.toBytes();
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThatThrownBy(() -> SumcheckProof.fromBytes(cut, N, 2)).isInstanceOf(MalformedProofException.class);
        }
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] longer = Arrays.copyOf(proof.toBytes(), proof.toBytes().length + 1);
        assertThatThrownBy(() -> SumcheckProof.fromBytes(longer, N, 2))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("trailing");
    }

    @Test
    void rejectsNonCanonicalFieldElementInEverySlot() {
        byte[] bytes = proof.toBytes();
        for (int at = HEADER; at < bytes.length; at += 8) {
            byte[] bad = bytes.clone();
            long nonCanonical = Goldilocks.P; // p itself: same residue as 0, a second encoding
            for (int i = 0; i < 8; i++) {
                bad[at + i] = (byte) (nonCanonical >>> (8 * i));
            }
            assertThatThrownBy(() -> SumcheckProof.fromBytes(bad, N, 2))
                    .isInstanceOf(MalformedProofException.class).hasMessageContaining("non-canonical");
        }
    }

    @Test
    void rejectsWrongMagicAndVersion() {
        byte[] badMagic = proof.toBytes();
        badMagic[0] ^= 1;
        assertThatThrownBy(() -> SumcheckProof.fromBytes(badMagic, N, 2)).isInstanceOf(MalformedProofException.class);
        byte[] badVersion = proof.toBytes();
        badVersion[4] = 2;
        assertThatThrownBy(() -> SumcheckProof.fromBytes(badVersion, N, 2)).isInstanceOf(MalformedProofException.class);
    }

    @Test
    void readingWithAnotherShapeFailsCleanly() {
        byte[] bytes = proof.toBytes();
        assertThatThrownBy(() -> SumcheckProof.fromBytes(bytes, N + 1, 2)).isInstanceOf(MalformedProofException.class);
        assertThatThrownBy(() -> SumcheckProof.fromBytes(bytes, N, 3)).isInstanceOf(MalformedProofException.class);
        assertThatThrownBy(() -> SumcheckProof.fromBytes(bytes, N - 1, 2)).isInstanceOf(MalformedProofException.class);
    }
}
