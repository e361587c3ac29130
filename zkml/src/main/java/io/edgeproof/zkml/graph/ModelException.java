package io.edgeproof.zkml.graph;

/**
 * A model the toolchain cannot accept: malformed ONNX, an unsupported operator, an absurd shape, a corrupt
 * .epm file or calibration data that does not fit the model. The message is one line meant for the user
 * (the CLI prints it and exits with code 2).
 */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
