package io.edgeproof.commit.merkle;

import io.edgeproof.transcript.VerificationException;

/** Why a Merkle multi-opening was rejected. */
public enum MerkleReason implements VerificationException.Reason {
    /** Wrong number of rows, row width or salt bytes for the queried leaves. */
    SHAPE_MISMATCH,
    /** A queried index is negative, too large, repeated or out of order. */
    INDEX_OUT_OF_RANGE,
    /** The opening carries fewer or more sibling digests than the queried indices need. */
    PATH_LENGTH_MISMATCH,
    /** The recomputed root differs from the committed one. */
    ROOT_MISMATCH
}
