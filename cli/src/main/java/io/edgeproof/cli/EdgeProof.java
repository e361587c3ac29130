package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edgeproof} command: verbs are subcommands, one class each. */
@Command(name = "edgeproof",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "EdgeProof: a DePIN network for verifiable edge inference (zero-knowledge proofs of ML inference).",
        subcommands = {CompileCommand.class, RunCommand.class, EvalCommand.class, BenchCommand.class, SetupCommand.class,
                ProveCommand.class, VerifyCommand.class, DemoCommand.class,
                GatewayCommand.class, NodeCommand.class, JobCommand.class, DeviceCommand.class, ModelCommand.class,
                CommandLine.HelpCommand.class})
public final class EdgeProof implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call it in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new EdgeProof());
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        return cl;
    }
}
