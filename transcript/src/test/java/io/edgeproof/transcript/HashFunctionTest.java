package io.edgeproof.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class HashFunctionTest {
    @ParameterizedTest
    @CsvSource({
        "SHA256,    '',    e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "SHA256,    abc,   ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "KECCAK256, '',    c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        "KECCAK256, abc,   4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
        "BLAKE3,    '',    af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
        "BLAKE3,    abc,   6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85",
    })
    void matchesPublishedTestVectors(HashFunction hash, String input, String hex) {
        byte[] digest = hash.newHasher().hash(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(hex);
    }

    @ParameterizedTest
    @EnumSource(HashFunction.class)
    void aHasherCanBeReusedAndHashesOnlyTheGivenRange(HashFunction hash) {
        Hasher h = hash.newHasher();
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        byte[] first = h.hash(data);
        assertThat(h.hash(data)).isEqualTo(first);

        byte[] framed = new byte[data.length + 10];
        System.arraycopy(data, 0, framed, 5, data.length);
        byte[] out = new byte[Hasher.DIGEST_BYTES + 3];
        h.hash(framed, 5, data.length, out, 3);
        byte[] placed = new byte[Hasher.DIGEST_BYTES];
        System.arraycopy(out, 3, placed, 0, placed.length);
        assertThat(placed).isEqualTo(first);
    }
}
