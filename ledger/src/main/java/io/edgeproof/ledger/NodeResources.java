package io.edgeproof.ledger;

import java.util.Set;

/** What a provider node offers: hardware, and the models it serves (it is only assigned jobs for those). */
public record NodeResources(int cores, long memoryMb, int gpus, long storageGb, Set<ModelId> models) {
    public NodeResources {
        if (cores < 1 || memoryMb < 0 || gpus < 0 || storageGb < 0) {
            throw new IllegalArgumentException("resources out of range");
        }
        models = Set.copyOf(models);
    }
}
