package io.edgeproof.cli;

import picocli.CommandLine;

/**
 * Turns a bad command line, or an exception escaping a command, into one line on stderr and exit code 2
 * (user error), instead of a usage dump or a stack trace. Set EDGEPROOF_DEBUG=1 to see the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int EXIT_USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + msg);
        if (System.getenv("EDGEPROOF_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return EXIT_USAGE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        cmd.getErr().println(name + ": " + ex.getMessage() + " (see '" + name + " --help')");
        return EXIT_USAGE;
    }
}
