package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof node}: groups the provider node verbs. */
@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Run a provider node, or make its key.",
        subcommands = {NodeStartCommand.class, NodeKeygenCommand.class})
final class NodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
