package io.edgeproof.cli;

import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.network.SealedInput;
import io.edgeproof.network.http.GatewayClient;
import io.edgeproof.network.http.GatewayClient.RemoteJob;
import io.edgeproof.network.http.GatewayClient.RemoteModel;
import io.edgeproof.zkml.graph.ModelException;
import io.edgeproof.zkml.quant.ModelCodec;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code edgeproof job submit}: posts a job (the price is escrowed from the requester's balance) on a
 * device's signed reading or on a public input, and prints its id; {@code --wait} follows it to the end.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Post a job: model ID on a signed device reading (device sign) or a public input; escrows the"
                + " price; prints the job id.")
final class JobSubmitCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--gateway", required = true, paramLabel = "URL")
    URI gateway;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "the requester's account key file")
    Path key;

    @Mixin
    KeyOptions keys;

    @Option(names = "--model", required = true, paramLabel = "ID", description = "model id (64 hex digits)")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--reading", paramLabel = "FILE", description = "a signed reading written by device sign (with"
                + " --hide-input: a hidden-input job; only the assigned node gets the reading)")
        Path reading;

        @Option(names = "--input", paramLabel = "FILE",
                description = "a public input: {\"input\": [int16...]} or {\"input_data\": [[floats]]} (quantized with the model)")
        Path input;
    }

    @Option(names = "--sample", defaultValue = "0", description = "which sample of an input_data file (default ${DEFAULT-VALUE})")
    int sample;

    @Option(names = "--price", required = true, description = "payment for a verified result, escrowed now")
    long price;

    @Option(names = "--deadline", required = true, paramLabel = "S", description = "seconds from now; unpaid by then, the price is refunded")
    long deadline;

    @Option(names = "--wait", paramLabel = "S", defaultValue = "0",
            description = "wait up to S seconds for the job to be paid or refunded, then print its status")
    long wait;

    @Option(names = "--json", description = "print one JSON object as the last stdout line")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        ModelId id = ModelId.ofHex(model);
        GatewayClient client = GatewayClient.connect(gateway, keys.open(key).key());
        long job;
        if (source.reading != null) {
            InputArgs.SignedInput s = InputArgs.reading(source.reading);
            job = s.hiding() == null ? client.postJob(id, s.input(), s.reading(), price, deadline)
                    : client.postHiddenJob(id, new SealedInput(s.input(), s.hiding().seed(), s.hiding().proofs()),
                            s.reading(), price, deadline);
        } else {
            int[] input = InputArgs.quantized(source.input, sample, () -> ModelCodec.decode(client.fetch(served(client, id).content())));
            job = client.postJob(id, input, null, price, deadline);
        }
        if (wait <= 0) {
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("job_id", job);
                spec.commandLine().getOut().println(ModelArgs.json(o));
            } else {
                spec.commandLine().getOut().println("job " + job + " posted: model " + id + ", price " + price
                        + " escrowed, deadline in " + deadline + " s");
            }
            return 0;
        }
        RemoteJob status = client.job(job);
        long until = System.nanoTime() + wait * 1_000_000_000L;
        while (status.view().state().open() && System.nanoTime() < until) {
            Thread.sleep(500);
            status = client.job(job);
        }
        JobStatusCommand.print(spec.commandLine().getOut(), status, json);
        return status.view().state() == JobState.PAID ? 0 : 1;
    }

    private static RemoteModel served(GatewayClient client, ModelId id) {
        return client.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new ModelException("the gateway holds no model " + id));
    }
}
