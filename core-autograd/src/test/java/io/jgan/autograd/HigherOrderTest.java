package io.jgan.autograd;

import io.jgan.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HigherOrderTest {

    @Test
    void cubeHasDerivatives12Then12Then6() {
        Variable x = Variable.parameter(Tensor.scalar(2f));
        Variable y = x.pow(3f);
        assertEquals(8f, y.item(), 0f);
        // d/dx x^3 = 3x^2 = 12; d2 = 6x = 12; d3 = 6
        Variable d1 = Autograd.grad(y, true, x).get(0);
        assertEquals(12f, d1.item(), 1e-5f);
        Variable d2 = Autograd.grad(d1, true, x).get(0);
        assertEquals(12f, d2.item(), 1e-5f);
        Variable d3 = Autograd.grad(d2, true, x).get(0);
        assertEquals(6f, d3.item(), 1e-5f);
    }

    @Test
    void cubeAsProductsHasTheSameDerivatives() {
        Variable x = Variable.parameter(Tensor.scalar(2f));
        Variable y = x.mul(x).mul(x);
        List<Variable> d1 = Autograd.grad(List.of(y), List.of(x), null, GradOptions.createGraph());
        Variable d2 = Autograd.grad(d1.get(0), true, x).get(0);
        Variable d3 = Autograd.grad(d2, true, x).get(0);
        assertEquals(12f, d1.get(0).item(), 1e-5f);
        assertEquals(12f, d2.item(), 1e-5f);
        assertEquals(6f, d3.item(), 1e-5f);
    }
}
