package io.edgeproof.cli;

import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.keys.KeyFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code edgeproof device register}: the owner registers a device's id and public key with the gateway. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = "Register a device (its id and public key, read from its key file without the password) under"
                + " the owner's key.")
final class DeviceRegisterCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL")
    URI gateway;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the owner's account key file")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--device", required = true, paramLabel = "FILE", description = "the device's key file (device keygen)")
    Path device;

    @Option(names = "--id", paramLabel = "ID", description = "device id (default: the one in the device's key file)")
    String id;

    @Override
    public Integer call() {
        DeviceId deviceId = new DeviceId(id != null ? id : KeyFile.deviceId(device));
        GatewayClient client = GatewayClient.connect(gateway, keys.open(key).key());
        client.registerDevice(deviceId, KeyFile.publicKey(device));
        spec.commandLine().getOut().println("registered device " + deviceId + " under " + client.address());
        return 0;
    }
}
