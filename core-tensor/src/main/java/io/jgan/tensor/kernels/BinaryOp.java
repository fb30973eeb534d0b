package io.jgan.tensor.kernels;

/** Element-wise binary functions of (a, b). Comparisons give 1 or 0. */
public enum BinaryOp {
    /** a + b. */ ADD,
    /** a - b. */ SUB,
    /** a * b. */ MUL,
    /** a / b. */ DIV,
    /** max(a, b). */ MAX,
    /** min(a, b). */ MIN,
    /** a &gt; b ? 1 : 0. */ GT,
    /** a &gt;= b ? 1 : 0. */ GE,
    /** a &lt; b ? 1 : 0. */ LT,
    /** a == b ? 1 : 0. */ EQ
}
