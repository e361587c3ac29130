package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof device}: groups the device verbs. */
@Command(name = "device", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Make a device key, sign a reading, or register a device with a gateway.",
        subcommands = {DeviceKeygenCommand.class, DeviceSignCommand.class, DeviceRegisterCommand.class})
final class DeviceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
