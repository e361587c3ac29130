package io.edgeproof.zkml.quant;

import io.edgeproof.zkml.graph.ModelException;
import java.io.DataOutputStream;
import java.io.IOException;

/** Tag byte and fields of each {@link QLayer}, in declaration order. */
final class LayerCodec {
    private LayerCodec() {}

    static void write(DataOutputStream out, QLayer layer) throws IOException {
        switch (layer) {
            case QLayer.Linear l -> {
                out.writeByte(1);
                out.writeInt(l.inFeatures());
                out.writeInt(l.outFeatures());
                bytes(out, l.weights());
                longs(out, l.bias());
                rq(out, l.rq());
            }
            case QLayer.Conv c -> {
                out.writeByte(2);
                out.writeInt(c.inChannels());
                out.writeInt(c.outChannels());
                out.writeInt(c.kernelH());
                out.writeInt(c.kernelW());
                ModelCodec.ints(out, c.strides());
                ModelCodec.ints(out, c.pads());
                ModelCodec.ints(out, c.dilations());
                out.writeInt(c.group());
                bytes(out, c.weights());
                longs(out, c.bias());
                rq(out, c.rq());
            }
            case QLayer.MatMul m -> {
                out.writeByte(3);
                rq(out, m.rq());
            }
            case QLayer.Add a -> {
                out.writeByte(4);
                out.writeLong(a.ma());
                out.writeLong(a.mb());
                out.writeInt(a.shift());
            }
            case QLayer.Mul m -> {
                out.writeByte(5);
                rq(out, m.rq());
            }
            case QLayer.ScaleShift s -> {
                out.writeByte(6);
                ModelCodec.ints(out, s.scaleShape());
                ModelCodec.ints(out, s.scale());
                ModelCodec.ints(out, s.shiftShape());
                longs(out, s.shift());
                rq(out, s.rq());
            }
            case QLayer.Relu r -> out.writeByte(7);
            case QLayer.Clip c -> {
                out.writeByte(8);
                out.writeInt(c.lo());
                out.writeInt(c.hi());
            }
            case QLayer.PRelu p -> {
                out.writeByte(9);
                ModelCodec.ints(out, p.slopeShape());
                ModelCodec.ints(out, p.slope());
                rq(out, p.rq());
            }
            case QLayer.MaxPool p -> {
                out.writeByte(10);
                window(out, p.kernelH(), p.kernelW(), p.strides(), p.pads());
                ModelCodec.ints(out, p.dilations());
            }
            case QLayer.AvgPool p -> {
                out.writeByte(11);
                window(out, p.kernelH(), p.kernelW(), p.strides(), p.pads());
                out.writeBoolean(p.countIncludePad());
                rq(out, p.rq());
            }
            case QLayer.Lookup l -> {
                out.writeByte(12);
                ModelCodec.ints(out, l.table());
            }
            case QLayer.Softmax s -> {
                out.writeByte(13);
                out.writeInt(s.axisFrom());
                out.writeInt(s.axisTo());
                ModelCodec.ints(out, s.expTable());
            }
            case QLayer.ReduceMean r -> {
                out.writeByte(14);
                ModelCodec.ints(out, r.axes());
                out.writeBoolean(r.keepDims());
                rq(out, r.rq());
            }
            case QLayer.Layout l -> {
                out.writeByte(15);
                ModelCodec.ints(out, l.index());
                out.writeInt(l.fill());
            }
            case QLayer.Reshape r -> out.writeByte(16);
        }
    }

    static QLayer read(ModelCodec.Reader in) {
        int tag = in.u8();
        return switch (tag) {
            case 1 -> new QLayer.Linear(in.i32(), in.i32(), bytes(in), in.longs(), rq(in));
            case 2 -> new QLayer.Conv(in.i32(), in.i32(), in.i32(), in.i32(), in.ints(), in.ints(), in.ints(), in.i32(),
                    bytes(in), in.longs(), rq(in));
            case 3 -> new QLayer.MatMul(rq(in));
            case 4 -> new QLayer.Add(in.i64(), in.i64(), in.i32());
            case 5 -> new QLayer.Mul(rq(in));
            case 6 -> new QLayer.ScaleShift(in.ints(), in.ints(), in.ints(), in.longs(), rq(in));
            case 7 -> new QLayer.Relu();
            case 8 -> new QLayer.Clip(in.i32(), in.i32());
            case 9 -> new QLayer.PRelu(in.ints(), in.ints(), rq(in));
            case 10 -> new QLayer.MaxPool(in.i32(), in.i32(), in.ints(), in.ints(), in.ints());
            case 11 -> new QLayer.AvgPool(in.i32(), in.i32(), in.ints(), in.ints(), in.bool(), rq(in));
            case 12 -> new QLayer.Lookup(in.ints());
            case 13 -> new QLayer.Softmax(in.i32(), in.i32(), in.ints());
            case 14 -> new QLayer.ReduceMean(in.ints(), in.bool(), rq(in));
            case 15 -> new QLayer.Layout(in.ints(), in.i32());
            case 16 -> new QLayer.Reshape();
            default -> throw new ModelException("malformed .epm: unknown layer tag " + tag);
        };
    }

    private static void window(DataOutputStream out, int kh, int kw, int[] strides, int[] pads) throws IOException {
        out.writeInt(kh);
        out.writeInt(kw);
        ModelCodec.ints(out, strides);
        ModelCodec.ints(out, pads);
    }

    private static void bytes(DataOutputStream out, byte[] v) throws IOException {
        out.writeInt(v.length);
        out.write(v);
    }

    private static byte[] bytes(ModelCodec.Reader in) {
        return in.bytes(in.count(1));
    }

    private static void longs(DataOutputStream out, long[] v) throws IOException {
        out.writeInt(v.length);
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static void rq(DataOutputStream out, Requant rq) throws IOException {
        longs(out, rq.multipliers());
        ModelCodec.ints(out, rq.shifts());
    }

    private static Requant rq(ModelCodec.Reader in) {
        return new Requant(in.longs(), in.ints());
    }
}
