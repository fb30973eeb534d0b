package io.jgan.tensor.kernels;

/**
 * Element-wise unary functions. Parametric ones read their parameters {@code a} and {@code b}
 * (named in each constant); the others ignore them.
 */
public enum UnaryOp {
    /** -x. */ NEG,
    /** |x|. */ ABS,
    /** sign(x) in {-1, 0, 1}. */ SIGN,
    /** x^2. */ SQUARE,
    /** sqrt(x). */ SQRT,
    /** 1 / sqrt(x). */ RSQRT,
    /** 1 / x. */ RECIPROCAL,
    /** e^x. */ EXP,
    /** ln x. */ LOG,
    /** tanh x. */ TANH,
    /** 1 / (1 + e^-x). */ SIGMOID,
    /** ln(1 + e^x), stable form max(x, 0) + log1p(e^-|x|). */ SOFTPLUS,
    /** ln sigmoid(x) = min(x, 0) - log1p(e^-|x|). */ LOG_SIGMOID,
    /** max(x, 0). */ RELU,
    /** x &gt; 0 ? 1 : 0 (the derivative of relu). */ STEP,
    /** x &gt; 0 ? x : a*x (a = slope). */ LEAKY_RELU,
    /** x &gt; 0 ? 1 : a (the derivative of leaky relu, a = slope). */ LEAKY_STEP,
    /** min(max(x, a), b). */ CLAMP,
    /** a &lt;= x &lt;= b ? 1 : 0 (the derivative of clamp). */ CLAMP_MASK,
    /** x^a. */ POW,
    /** a*x + b (scale, shift, scalar add/sub/mul/div). */ AFFINE
}
