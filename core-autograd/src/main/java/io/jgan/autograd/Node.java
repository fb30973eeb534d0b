package io.jgan.autograd;

/**
 * The record of one op in the graph: its name (for error messages), its inputs and its gradient
 * rule. backward frees a node (drops inputs and rule, so that the activations the rule captured
 * can be collected) unless the graph is retained.
 */
final class Node {
    final String op;
    private Variable[] inputs;
    private Backward backward;
    /** False for rules written with raw tensor kernels: their gradients cannot be differentiated. */
    final boolean differentiableBackward;

    Node(String op, Variable[] inputs, Backward backward, boolean differentiableBackward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.differentiableBackward = differentiableBackward;
    }

    Variable[] inputs() {
        if (inputs == null) {
            throw freedError();
        }
        return inputs;
    }

    Backward backward() {
        if (backward == null) {
            throw freedError();
        }
        return backward;
    }

    boolean isFreed() {
        return backward == null;
    }

    void free() {
        inputs = null;
        backward = null;
    }

    IllegalStateException freedError() {
        return new IllegalStateException("the graph through op '" + op + "' was already freed by a backward pass; "
                + "pass retainGraph=true to the first backward/grad call to differentiate through it again");
    }
}
