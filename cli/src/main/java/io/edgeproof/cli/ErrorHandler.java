package io.edgeproof.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a command into a one-line message and exit code 2 (user error), instead
 * of a stack trace. Set EDGEPROOF_DEBUG=1 to see the trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int EXIT_USAGE = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        cmd.getErr().println("edgeproof " + cmd.getCommandName() + ": " + msg);
        if (System.getenv("EDGEPROOF_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return EXIT_USAGE;
    }
}
