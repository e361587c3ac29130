package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The .epm format: "EPM" 0x1A, a u16 version, then the model in one canonical big-endian encoding (see
 * QUANTIZATION.md). Decoding checks every length against the bytes left before allocating, re-encodes and
 * requires identical bytes (so one model has exactly one encoding), then validates the model's structure.
 * The content hash is SHA-256 over the whole canonical encoding.
 */
public final class ModelCodec {
    static final byte[] MAGIC = {'E', 'P', 'M', 0x1A};
    public static final int VERSION = 1;
    /**
     * Version 1 followed, after the input scale, by a u8 input kind that is always 1 (raw readings): a model
     * without a raw scale is still written as version 1, so its bytes, content hash and id do not change.
     */
    public static final int VERSION_RAW_INPUT = 2;

    private ModelCodec() {}

    public static byte[] encode(QuantizedModel m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(m.rawInput() ? VERSION_RAW_INPUT : VERSION);
            ints(out, m.inputShape());
            out.writeDouble(m.inputScale());
            if (m.rawInput()) {
                out.writeByte(1);
            }
            out.writeInt(m.nodes().size());
            for (QNode n : m.nodes()) {
                byte[] name = n.name().getBytes(StandardCharsets.UTF_8);
                out.writeInt(name.length);
                out.write(name);
                LayerCodec.write(out, n.layer());
                ints(out, n.inputs());
                ints(out, n.shape());
                out.writeDouble(n.scale());
            }
            ints(out, m.outputs());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static QuantizedModel decode(byte[] data) {
        Reader in = new Reader(data);
        QuantizedModel m;
        try {
            byte[] magic = in.bytes(4);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelException("not an EdgeProof model (.epm): bad magic");
            }
            int version = in.u16();
            if (version != VERSION && version != VERSION_RAW_INPUT) {
                throw new ModelException(".epm version " + version + " is not supported (this build reads versions "
                        + VERSION + " and " + VERSION_RAW_INPUT + ")");
            }
            int[] inputShape = in.ints();
            double inputScale = in.scale();
            boolean rawInput = version == VERSION_RAW_INPUT;
            if (rawInput && in.u8() != 1) {
                throw new ModelException("malformed .epm: a version " + VERSION_RAW_INPUT + " model's input kind is 1");
            }
            int count = in.count(16);
            List<QNode> nodes = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                String name = new String(in.bytes(in.count(1)), StandardCharsets.UTF_8);
                QLayer layer = LayerCodec.read(in);
                nodes.add(new QNode(name, layer, in.ints(), in.ints(), in.scale()));
            }
            int[] outputs = in.ints();
            if (in.remaining() != 0) {
                throw new ModelException("malformed .epm: " + in.remaining() + " trailing bytes");
            }
            m = new QuantizedModel(inputShape, inputScale, nodes, outputs, rawInput);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ModelException("malformed .epm: " + e.getMessage(), e);
        }
        if (!Arrays.equals(encode(m), data)) {
            throw new ModelException("malformed .epm: not the canonical encoding");
        }
        ModelValidator.validate(m);
        return m;
    }

    /** SHA-256 of the canonical encoding, hex. */
    public static String contentHash(QuantizedModel m) {
        return hash(encode(m));
    }

    public static String hash(byte[] canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void ints(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    /** Bounds-checked big-endian reader: a length never exceeds what the remaining bytes could hold. */
    static final class Reader {
        private final ByteBuffer buf;

        Reader(byte[] data) {
            this.buf = ByteBuffer.wrap(data);
        }

        int remaining() {
            return buf.remaining();
        }

        private void need(long n) {
            if (n > buf.remaining()) {
                throw new ModelException("malformed .epm: truncated (needs " + n + " more bytes, " + buf.remaining() + " left)");
            }
        }

        int u8() {
            need(1);
            return buf.get() & 0xff;
        }

        int u16() {
            need(2);
            return buf.getShort() & 0xffff;
        }

        int i32() {
            need(4);
            return buf.getInt();
        }

        long i64() {
            need(8);
            return buf.getLong();
        }

        boolean bool() {
            int b = u8();
            if (b > 1) {
                throw new ModelException("malformed .epm: boolean byte " + b);
            }
            return b == 1;
        }

        /** A positive finite scale. */
        double scale() {
            double d = Double.longBitsToDouble(i64());
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new ModelException("malformed .epm: scale " + d);
            }
            return d;
        }

        /** An element count, checked against the bytes left given each element takes at least {@code width}. */
        int count(int width) {
            int n = i32();
            if (n < 0 || (long) n * width > buf.remaining()) {
                throw new ModelException("malformed .epm: length " + n + " exceeds the remaining " + buf.remaining() + " bytes");
            }
            return n;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        int[] ints() {
            int[] v = new int[count(4)];
            for (int i = 0; i < v.length; i++) {
                v[i] = buf.getInt();
            }
            return v;
        }

        long[] longs() {
            long[] v = new long[count(8)];
            for (int i = 0; i < v.length; i++) {
                v[i] = buf.getLong();
            }
            return v;
        }
    }
}
