package io.edgeproof.ledger.device;

import java.util.regex.Pattern;

/** A device's name, chosen by its owner at registration: 1-64 characters of [A-Za-z0-9._:-]. */
public record DeviceId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public DeviceId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a device id is 1-64 characters of [A-Za-z0-9._:-]: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
