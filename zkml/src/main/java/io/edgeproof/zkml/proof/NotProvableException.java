package io.edgeproof.zkml.proof;

import io.edgeproof.zkml.graph.ModelException;

/**
 * The model uses an operation (or a shape or bound) this version of the prover cannot prove soundly. Setup
 * stops here rather than produce a weaker proof; the message names the op and the node.
 */
public final class NotProvableException extends ModelException {
    private static final long serialVersionUID = 1L;

    public NotProvableException(String message) {
        super(message);
    }
}
