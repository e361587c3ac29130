package io.edgeproof.ledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.Address;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Secp256k1Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final BigInteger N = new BigInteger(
            "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static Secp256k1Key keyOne() {
        byte[] one = new byte[32];
        one[31] = 1;
        return Secp256k1Key.fromSecret(one);
    }

    private static byte[] sha256(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keccakOfEmptyInputMatchesEthereum() {
        assertThat(HEX.formatHex(Keccak256.hash(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    }

    @Test
    void addressOfPrivateKeyOneMatchesEthereum() {
        assertThat(Address.ofPublicKey(keyOne().publicKey()).hex())
                .isEqualTo("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
    }

    @Test
    void compressedAndUncompressedKeysGiveOneAddress() {
        byte[] compressed = Secp256k1.decodePoint(keyOne().publicKey()).getEncoded(true);
        assertThat(Address.ofPublicKey(compressed)).isEqualTo(Address.ofPublicKey(keyOne().publicKey()));
    }

    @Test
    void signatureMatchesTheRfc6979VectorForKeyOne() throws Exception {
        // Known deterministic secp256k1/SHA-256 vector (key 1, "Satoshi Nakamoto"), low-s form.
        byte[] sig = keyOne().sign(sha256("Satoshi Nakamoto"));
        assertThat(HEX.formatHex(sig)).isEqualTo("934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d8"
                + "2442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5");
    }

    @Test
    void signaturesVerifyAndAreLowS() throws Exception {
        Secp256k1Key key = Secp256k1Key.fromSecret(sha256("device-7"));
        for (int i = 0; i < 20; i++) {
            byte[] digest = sha256("reading " + i);
            byte[] sig = key.sign(digest);
            assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64))).isLessThanOrEqualTo(N.shiftRight(1));
            assertThat(Secp256k1.verify(key.publicKey(), digest, sig)).isTrue();
        }
    }

    @Test
    void rejectsTheHighSTwinOfAValidSignature() throws Exception {
        Secp256k1Key key = keyOne();
        byte[] digest = sha256("Satoshi Nakamoto");
        byte[] sig = key.sign(digest);
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        byte[] high = sig.clone();
        byte[] highS = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N.subtract(s));
        System.arraycopy(highS, 0, high, 32, 32);
        assertThat(Secp256k1.verify(key.publicKey(), digest, high)).isFalse();
    }

    @Test
    void rejectsEveryFlippedBitOfSignatureAndDigest() throws Exception {
        Secp256k1Key key = keyOne();
        byte[] digest = sha256("meter 17");
        byte[] sig = key.sign(digest);
        for (int bit = 0; bit < 64 * 8; bit += 7) {
            byte[] bad = sig.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Secp256k1.verify(key.publicKey(), digest, bad)).isFalse();
        }
        for (int bit = 0; bit < 32 * 8; bit += 5) {
            byte[] bad = digest.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Secp256k1.verify(key.publicKey(), bad, sig)).isFalse();
        }
    }

    @Test
    void rejectsAnotherKeyTruncatedSignaturesAndZeroes() throws Exception {
        byte[] digest = sha256("x");
        byte[] sig = keyOne().sign(digest);
        Secp256k1Key other = Secp256k1Key.fromSecret(sha256("other"));
        assertThat(Secp256k1.verify(other.publicKey(), digest, sig)).isFalse();
        assertThat(Secp256k1.verify(keyOne().publicKey(), digest, java.util.Arrays.copyOf(sig, 63))).isFalse();
        assertThat(Secp256k1.verify(keyOne().publicKey(), digest, new byte[64])).isFalse();
        assertThat(Secp256k1.verify(new byte[65], digest, sig)).isFalse();
    }

    @Test
    void refusesPublicKeysOffTheCurve() {
        byte[] bad = keyOne().publicKey();
        bad[64] ^= 1;
        assertThatThrownBy(() -> Secp256k1.decodePoint(bad)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Secp256k1.decodePoint(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesPrivateKeysOutOfRange() {
        assertThatThrownBy(() -> Secp256k1Key.fromSecret(new byte[32])).isInstanceOf(IllegalArgumentException.class);
        byte[] n = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, N);
        assertThatThrownBy(() -> Secp256k1Key.fromSecret(n)).isInstanceOf(IllegalArgumentException.class);
    }
}
