package io.jgan.tensor.kernels;

/** The scalar reference implementation of {@link Kernels}: plain loops, the definition of each op. */
public final class ScalarKernels implements Kernels {
    /** The single instance. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    /**
     * One element of a unary op; the SIMD twin uses it for nothing but the reference in tests.
     *
     * @param op the function
     * @param a first parameter
     * @param b second parameter
     * @param x the argument
     * @return op(x)
     */
    public static float apply(UnaryOp op, float a, float b, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SQUARE -> x * x;
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case RECIPROCAL -> 1f / x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case SOFTPLUS -> (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
            case LOG_SIGMOID -> (float) (Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x))));
            case RELU -> Math.max(x, 0f);
            case STEP -> x > 0 ? 1f : 0f;
            case LEAKY_RELU -> x > 0 ? x : a * x;
            case LEAKY_STEP -> x > 0 ? 1f : a;
            case CLAMP -> Math.min(Math.max(x, a), b);
            case CLAMP_MASK -> x >= a && x <= b ? 1f : 0f;
            case POW -> a == 2f ? x * x : a == 3f ? x * x * x : (float) Math.pow(x, a);
            case AFFINE -> a * x + b;
        };
    }

    /**
     * One element of a binary op.
     *
     * @param op the function
     * @param a first operand
     * @param b second operand
     * @return op(a, b)
     */
    public static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case GT -> a > b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
        };
    }

    @Override
    public void unary(UnaryOp op, float a, float b, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = apply(op, a, b, x[xo + i]);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int ao, boolean aScalar, float[] b, int bo, boolean bScalar,
                       float[] y, int yo, int n) {
        int as = aScalar ? 0 : 1;
        int bs = bScalar ? 0 : 1;
        for (int i = 0; i < n; i++) {
            y[yo + i] = apply(op, a[ao + i * as], b[bo + i * bs]);
        }
    }

    @Override
    public void select(float[] c, int co, float[] a, int ao, float[] b, int bo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = c[co + i] != 0f ? a[ao + i] : b[bo + i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    public float sum(float[] x, int xo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += x[xo + i];
        }
        return s;
    }

    @Override
    public float max(float[] x, int xo, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, x[xo + i]);
        }
        return m;
    }

    @Override
    public float min(float[] x, int xo, int n) {
        float m = Float.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.min(m, x[xo + i]);
        }
        return m;
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public double sumOfSquares(float[] x, int xo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            s += v * v;
        }
        return s;
    }

    @Override
    public boolean allFinite(float[] x, int xo, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[xo + i])) {
                return false;
            }
        }
        return true;
    }
}
