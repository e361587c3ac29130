package io.edgeproof.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof bench ezkl}: the EZKL baseline alone (EZKL's wasm engine on its own 1l_mlp fixture, via
 * scripts/ezkl/run.sh). The first run installs the pinned npm package; progress goes to stderr.
 */
@Command(name = "ezkl", mixinStandardHelpOptions = true,
        description = "EZKL's wasm engine (@ezkljs/engine, pinned) on its own 1l_mlp fixture: setup, witness, "
                + "prove, verify (median of 5 runs after 2 warm-ups). Needs node and npm.")
public final class EzklBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fixture", paramLabel = "DIR",
            description = "EZKL fixture directory (default: ../shared/anchors/ezkl-1l_mlp)")
    Path fixture;

    @Option(names = "--json", description = "only the JSON object")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        EzklBaseline baseline = EzklBaseline.ofRepository(fixture);
        EzklBaseline.Result r = baseline.run(line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(r.toJson());
            return 0;
        }
        w.printf("EZKL %s (%s), model %s, fixture %s%n", r.version(), r.engine(), r.model(), baseline.fixture());
        w.printf("  %-24s %12.1f ms%n", "setup (genVk + genPk)", r.setupMs());
        w.printf("  %-24s %12.1f ms%n", "witness", r.witnessMs());
        w.printf("  %-24s %12.1f ms%n", "prove", r.proveMs());
        w.printf("  %-24s %12.1f ms%n", "verify", r.verifyMs());
        w.printf("  %-24s %,12d bytes%n", "proof", r.proofBytes());
        w.printf("  %-24s %12s%n", "accepted", r.accepted() ? "yes" : "no");
        w.printf("  %-24s %12s%n", "tampered proof rejected", r.tamperedRejected() ? "yes" : "no");
        w.println("The fixture runs at scale 0 (its outputs are all 0): compare the timings only.");
        return 0;
    }
}
