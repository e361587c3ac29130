package io.edgeproof.ledger;

/** A job as a requester posts it: the price is escrowed at posting; {@code deadline} is absolute (seconds). */
public record JobRequest(ModelId model, JobInput input, long price, long deadline) {
    public JobRequest {
        if (model == null || input == null) {
            throw new IllegalArgumentException("a job names a model and an input");
        }
    }
}
