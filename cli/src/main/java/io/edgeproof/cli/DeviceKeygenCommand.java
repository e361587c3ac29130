package io.edgeproof.cli;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.keys.KeyFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof device keygen}: a device's secp256k1 key and its id, encrypted at rest. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a device key for device ID and write it encrypted to FILE; prints the public key its"
                + " owner registers.")
final class DeviceKeygenCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "key file to create (never overwritten)")
    Path out;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "the device's id: 1-64 of [A-Za-z0-9._:-]")
    String id;

    @Mixin
    KeyOptions keys;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() {
        DeviceId device = new DeviceId(id);
        Secp256k1Key key = Secp256k1Key.generate(new SecureRandom());
        KeyFile.write(out, key, KeyFile.Kind.DEVICE, device, keys.password());
        String publicKey = HexFormat.of().formatHex(key.publicKey());
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key_file", out.toString());
            o.put("device_id", device.value());
            o.put("address", Address.ofPublicKey(key.publicKey()).hex());
            o.put("public_key", publicKey);
            spec.commandLine().getOut().println(ModelArgs.json(o));
        } else {
            spec.commandLine().getOut().println("wrote " + out + " (encrypted) for device " + device + "; public key "
                    + publicKey);
        }
        return 0;
    }
}
