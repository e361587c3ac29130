package io.edgeproof.ledger.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.ledger.InputDigest;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DeviceReadingTest {
    private static final Secp256k1Key KEY = Secp256k1Key.generate(new SecureRandom());
    private static final DeviceReading READING =
            new DeviceReading(new DeviceId("meter-17"), 1_700_000_000L, 5, InputDigest.of(new int[] {1, -2, 3}));

    @Test
    void aSignedReadingVerifiesUnderItsDeviceKey() {
        assertThat(READING.sign(KEY).isSignedBy(KEY.publicKey())).isTrue();
    }

    @Test
    void rejectsAChangeOfAnySignedField() {
        byte[] sig = READING.sign(KEY).signature();
        DeviceReading[] changed = {
            new DeviceReading(new DeviceId("meter-18"), READING.timestamp(), READING.sequence(), READING.readingHash()),
            new DeviceReading(READING.deviceId(), READING.timestamp() + 1, READING.sequence(), READING.readingHash()),
            new DeviceReading(READING.deviceId(), READING.timestamp(), READING.sequence() + 1, READING.readingHash()),
            new DeviceReading(READING.deviceId(), READING.timestamp(), READING.sequence(), InputDigest.of(new int[] {1})),
        };
        for (DeviceReading r : changed) {
            assertThat(new SignedReading(r, sig).isSignedBy(KEY.publicKey())).as(r.toString()).isFalse();
        }
    }

    @Test
    void rejectsAnotherDevicesKey() {
        Secp256k1Key other = Secp256k1Key.generate(new SecureRandom());
        assertThat(READING.sign(other).isSignedBy(KEY.publicKey())).isFalse();
    }

    @Test
    void inputDigestDependsOnEveryValueAndTheLength() {
        assertThat(InputDigest.of(new int[] {1, 2})).isNotEqualTo(InputDigest.of(new int[] {1, 3}));
        assertThat(InputDigest.of(new int[] {0})).isNotEqualTo(InputDigest.of(new int[] {0, 0}));
        assertThatThrownBy(() -> InputDigest.of(new int[] {40_000})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedDeviceIds() {
        assertThatThrownBy(() -> new DeviceId("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceId("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }
}
