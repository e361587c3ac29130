package io.edgeproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code edgeproof job}: groups the requester verbs. */
@Command(name = "job", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Post a job to a gateway or read its status.",
        subcommands = {JobSubmitCommand.class, JobStatusCommand.class})
final class JobCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
