package io.edgeproof.field.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The decoding rules every proof object relies on, exercised through a small proof-shaped record. */
class ProofReaderTest {
    private static final int MAGIC = 0x45500001;
    private static final int VERSION = 3;
    private static final int MAX_ROUNDS = 64;
    /** Offsets in the encoding of {@link #SAMPLE}: header (5), round count (4), rounds (8 each), ... */
    private static final int ROUND_COUNT_AT = 5;
    private static final int FIRST_ROUND_AT = 9;

    /** Stand-in for a real proof: a round count, the round values, a final extension claim and a digest. */
    record SampleProof(long[] rounds, Ext3 claim, byte[] digest) {
        byte[] encode() {
            return new ProofWriter().header(MAGIC, VERSION).u32(rounds.length).bases(rounds).ext(claim)
                    .bytes(digest).toByteArray();
        }

        static SampleProof decode(byte[] bytes) throws MalformedProofException {
            ProofReader in = new ProofReader(bytes);
            in.header(MAGIC, VERSION, "sample proof");
            int n = in.count("round count", 0, MAX_ROUNDS);
            SampleProof p = new SampleProof(in.bases("round", n), in.ext("claim"), in.bytes("digest", 32));
            in.expectEnd("sample proof");
            return p;
        }
    }

    private static final SampleProof SAMPLE = new SampleProof(
            new long[] {0, 1, Goldilocks.P - 1, 1L << 32},
            Ext3.of(7, Goldilocks.P - 1, 1L << 40),
            filled(32, (byte) 0xAB));

    private static byte[] filled(int n, byte b) {
        byte[] out = new byte[n];
        Arrays.fill(out, b);
        return out;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    @Test
    void honestEncodingRoundTrips() throws MalformedProofException {
        SampleProof back = SampleProof.decode(SAMPLE.encode());
        assertThat(back.rounds()).containsExactly(SAMPLE.rounds());
        assertThat(back.claim()).isEqualTo(SAMPLE.claim());
        assertThat(back.digest()).containsExactly(SAMPLE.digest());
    }

    @Test
    void rejectsEveryTruncation() {
        byte[] honest = SAMPLE.encode();
        for (int len = 0; len < honest.length; len++) {
            byte[] cut = Arrays.copyOf(honest, len);
            assertThatThrownBy(() -> SampleProof.decode(cut)).as("length %d", len)
                    .isInstanceOf(MalformedProofException.class);
        }
    }

    @Test
    void rejectsTrailingBytes() {
        byte[] honest = SAMPLE.encode();
        byte[] longer = Arrays.copyOf(honest, honest.length + 1);
        assertThatThrownBy(() -> SampleProof.decode(longer))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("trailing");
    }

    @Test
    void rejectsWrongMagic() {
        byte[] bytes = SAMPLE.encode();
        bytes[0] ^= 1;
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("magic");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, VERSION - 1, VERSION + 1, 255})
    void rejectsOtherVersions(int version) {
        byte[] bytes = SAMPLE.encode();
        bytes[4] = (byte) version;
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("version");
    }

    @ParameterizedTest
    @ValueSource(longs = {Goldilocks.P, Goldilocks.P + 1, -1L})
    void rejectsNonCanonicalBaseElement(long value) {
        byte[] bytes = SAMPLE.encode();
        putLong(bytes, FIRST_ROUND_AT + 8, value);
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("non-canonical");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void rejectsNonCanonicalExtensionCoefficient(int coefficient) {
        byte[] bytes = SAMPLE.encode();
        int claimAt = FIRST_ROUND_AT + 8 * SAMPLE.rounds().length;
        putLong(bytes, claimAt + 8 * coefficient, Goldilocks.P);
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("non-canonical");
    }

    @ParameterizedTest
    @ValueSource(ints = {MAX_ROUNDS + 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE})
    void rejectsOutOfRangeCountBeforeAllocating(int count) {
        byte[] bytes = SAMPLE.encode();
        putInt(bytes, ROUND_COUNT_AT, count);
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("outside");
    }

    @Test
    void rejectsACountLargerThanTheRemainingBytes() {
        byte[] bytes = SAMPLE.encode();
        putInt(bytes, ROUND_COUNT_AT, MAX_ROUNDS);
        assertThatThrownBy(() -> SampleProof.decode(bytes))
                .isInstanceOf(MalformedProofException.class).hasMessageContaining("truncated");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 1 << 29, -1})
    void rejectsHugeOrNegativeLengthsFromALaxCaller(int n) {
        // A caller that bounds a count too loosely must still get a clean rejection, not an overflow or OOM.
        ProofReader in = new ProofReader(new byte[16]);
        assertThatThrownBy(() -> in.bases("values", n)).isInstanceOf(MalformedProofException.class);
        assertThatThrownBy(() -> in.bytes("blob", n)).isInstanceOf(MalformedProofException.class);
    }

    @Property(tries = 300)
    void randomCorruptionEitherDecodesOrIsMalformed(@ForAll @IntRange(max = 10_000) int position, @ForAll byte value) {
        byte[] bytes = SAMPLE.encode();
        bytes[position % bytes.length] = value;
        try {
            SampleProof.decode(bytes);
        } catch (MalformedProofException expected) {
            // the only acceptable failure
        }
    }
}
