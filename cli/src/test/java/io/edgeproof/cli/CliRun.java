package io.edgeproof.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the command line, as the launcher would run it: exit code and both streams. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EdgeProof.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    String lastOutLine() {
        String[] lines = out.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
