package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof model}: groups the model owner verbs. */
@Command(name = "model", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Register a model with a gateway.",
        subcommands = {ModelRegisterCommand.class})
final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
