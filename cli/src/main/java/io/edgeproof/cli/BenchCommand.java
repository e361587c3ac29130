package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof bench}: groups the benchmark verbs; alone it prints their list. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Measure EdgeProof on this machine.",
        subcommands = {PrimitivesBenchCommand.class, InferBenchCommand.class, ProveBenchCommand.class,
                EzklBenchCommand.class, NetworkBenchCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
