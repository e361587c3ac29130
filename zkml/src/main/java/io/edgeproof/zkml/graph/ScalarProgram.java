package io.edgeproof.zkml.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A scalar function of one variable built from element-wise ONNX nodes (Tanh, Sigmoid, Erf, Gelu, Pow, scalar
 * Add/Mul, ...). Register 0 holds x; step i writes register i + 1; the result is the last register. The
 * quantizer turns a program into one lookup table over the 16-bit input domain, so a whole GELU or
 * x * x + x costs a single lookup. Evaluation uses StrictMath: tables must be identical on every machine.
 */
public record ScalarProgram(List<Step> steps) {
    /** One instruction. {@code a}, {@code b} are registers; {@code c0}, {@code c1} constants. */
    public record Step(Kind kind, int a, int b, double c0, double c1) {}

    public enum Kind {
        /** c0 * r[a] + c1. */
        AFFINE,
        ADD, SUB, MUL, DIV,
        /** r[a] ^ c0. */
        POW,
        TANH, SIGMOID, ERF, EXP, LOG, SQRT, RECIPROCAL, ABS, SOFTPLUS, RELU,
        /** Exact GELU: 0.5 x (1 + erf(x / sqrt 2)). */
        GELU,
        /** GELU, tanh approximation. */
        GELU_TANH
    }

    public ScalarProgram {
        steps = List.copyOf(steps);
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.a < 0 || s.a > i || s.b < 0 || s.b > i) {
                throw new IllegalArgumentException("step " + i + " reads a register not yet written");
            }
        }
    }

    public static ScalarProgram of(Kind kind, double c0, double c1) {
        return new ScalarProgram(List.of(new Step(kind, 0, 0, c0, c1)));
    }

    public double eval(double x) {
        double[] r = new double[steps.size() + 1];
        r[0] = x;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            r[i + 1] = apply(s, r[s.a], r[s.b]);
        }
        return r[steps.size()];
    }

    /** True when some step is not affine in x, i.e. the program needs a lookup table, not a requantization. */
    public boolean isNonLinear() {
        for (Step s : steps) {
            if (s.kind != Kind.AFFINE && s.kind != Kind.ADD && s.kind != Kind.SUB) {
                return true;
            }
        }
        return false;
    }

    /** This program followed by {@code next}, whose register 0 is this program's result. */
    public ScalarProgram then(ScalarProgram next) {
        List<Step> out = new ArrayList<>(steps);
        int base = steps.size();
        for (Step s : next.steps) {
            out.add(new Step(s.kind, s.a + base, s.b + base, s.c0, s.c1));
        }
        return new ScalarProgram(out);
    }

    private static double apply(Step s, double a, double b) {
        return switch (s.kind) {
            case AFFINE -> s.c0 * a + s.c1;
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> s.c0 == 2.0 ? a * a : StrictMath.pow(a, s.c0);
            case TANH -> StrictMath.tanh(a);
            case SIGMOID -> 1.0 / (1.0 + StrictMath.exp(-a));
            case ERF -> erf(a);
            case EXP -> StrictMath.exp(a);
            case LOG -> StrictMath.log(a);
            case SQRT -> StrictMath.sqrt(a);
            case RECIPROCAL -> 1.0 / a;
            case ABS -> Math.abs(a);
            case SOFTPLUS -> a > 30 ? a : StrictMath.log1p(StrictMath.exp(a));
            case RELU -> Math.max(a, 0.0);
            case GELU -> 0.5 * a * (1.0 + erf(a / StrictMath.sqrt(2.0)));
            case GELU_TANH -> 0.5 * a * (1.0 + StrictMath.tanh(StrictMath.sqrt(2.0 / Math.PI) * (a + 0.044715 * a * a * a)));
        };
    }

    /**
     * erf by the Abramowitz-Stegun 7.1.26 rational approximation (|error| < 1.5e-7, far below the 2^-15
     * resolution of a 16-bit table), written out so the value is the same everywhere.
     */
    static double erf(double x) {
        double t = 1.0 / (1.0 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double y = 1.0 - poly * StrictMath.exp(-x * x);
        return x >= 0 ? y : -y;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Step s : steps) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(s.kind.name().toLowerCase());
        }
        return sb.toString();
    }
}
