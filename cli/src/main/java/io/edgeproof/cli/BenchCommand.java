package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof bench}: benchmark groups, one subcommand each. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {InferBenchCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
