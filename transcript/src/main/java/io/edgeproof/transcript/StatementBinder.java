package io.edgeproof.transcript;

import io.edgeproof.field.Ext3;

/** The absorbing half of a transcript, as offered to a {@link PublicStatement} and to protocol messages. */
public interface StatementBinder {
    StatementBinder bytes(String label, byte[] data);

    StatementBinder u64(String label, long value);

    StatementBinder base(String label, long element);

    StatementBinder bases(String label, long[] elements);

    StatementBinder ext(String label, Ext3 element);

    /** An interleaved vector of extension elements (see {@code Ext3Vec}). */
    StatementBinder exts(String label, long[] interleaved);
}
