package io.edgeproof.cli;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.network.keys.KeyFile;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof node keygen}: a new account key (node, requester or owner), encrypted at rest. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate a secp256k1 account key (for a node, a requester or an owner) and write it encrypted"
                + " (scrypt + AES-256-GCM) to FILE; prints its address.")
final class NodeKeygenCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "key file to create (never overwritten)")
    Path out;

    @Mixin
    KeyOptions keys;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() {
        Secp256k1Key key = Secp256k1Key.generate(new SecureRandom());
        KeyFile.write(out, key, KeyFile.Kind.ACCOUNT, null, keys.password());
        Address a = Address.ofPublicKey(key.publicKey());
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("key_file", out.toString());
            o.put("address", a.hex());
            spec.commandLine().getOut().println(ModelArgs.json(o));
        } else {
            spec.commandLine().getOut().println("wrote " + out + " (encrypted); address " + a.hex());
        }
        return 0;
    }
}
