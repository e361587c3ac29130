package io.edgeproof.cli;

import io.edgeproof.ledger.JobView;
import io.edgeproof.ledger.crypto.Secp256k1Key;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.http.GatewayClient.RemoteJob;
import io.edgeproof.network.http.Wire;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof job status}: a job as the ledger sees it, with its published outputs once paid. Any
 * signer may read a job; without --key the request is signed with a throwaway key.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print a job's state, node, attempts, last fault and (once paid) its verified outputs.")
final class JobStatusCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL")
    URI gateway;

    @Option(names = "--job", required = true, paramLabel = "ID")
    long job;

    @Option(names = "--key", paramLabel = "FILE", description = "sign with this account key (default: a throwaway key)")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() {
        Secp256k1Key signer = key != null ? keys.open(key).key() : Secp256k1Key.generate(new SecureRandom());
        print(spec.commandLine().getOut(), GatewayClient.connect(gateway, signer).job(job), json);
        return 0;
    }

    static void print(PrintWriter out, RemoteJob status, boolean json) {
        if (json) {
            out.println(new String(Wire.bytes(status.json()), java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        JobView v = status.view();
        out.printf("job %d: %s%n", v.id(), v.state());
        out.printf("  model       %s%n", v.model());
        out.printf("  requester   %s%n", v.requester());
        if (status.json().has("input_commitment")) {
            out.printf("  input       hidden, commitment %s%n", status.json().get("input_commitment").asText());
        }
        out.printf("  price       %d (escrow held %d), deadline %d%n", v.price(), v.escrowHeld(), v.deadline());
        out.printf("  node        %s (attempts %d)%n", v.node() == null ? "-" : v.node(), v.attempts());
        if (v.lastFault() != null) {
            out.printf("  last fault  %s: %s%n", v.lastFault(), v.lastFault().description());
        }
        status.outputs().ifPresent(o -> out.printf("  outputs     %s (argmax %d)%n", Arrays.toString(o), argmax(o)));
        status.refusals().forEach(r -> out.printf("  refused by  %s%n", r));
    }

    private static int argmax(int[] y) {
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            if (y[i] > y[best]) {
                best = i;
            }
        }
        return best;
    }
}
