package io.edgeproof.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {
    static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"edgeproof " + VERSION + " (Java " + Runtime.version() + ")"};
    }
}
