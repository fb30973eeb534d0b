package io.jgan.train;

import io.jgan.tensor.Parallel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A warmed-up step of the anchors' MNIST-GAN workload allocates well under issue 11's bound of 1 MB
 * (the JMH {@code -prof gc} figure). Per-call garbage in a kernel or an op (a message string built
 * eagerly, a vector mask that escapes) shows up here as hundreds of KB per step.
 */
class StepAllocationTest {
    /** Issue 11's bound per step. */
    private static final long BOUND = 1 << 20;

    @Test
    void aWarmedUpMnistGanStepAllocatesLessThanOneMegabyte() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int threads = Parallel.threads();
        Parallel.setThreads(1); // allocation is counted on this thread only
        try {
            GanTrainer t = StepWorkloads.trainer("mnistgan_ns");
            // until C2 has compiled the kernels the Vector API boxes every operation: take the least
            // allocating of the steps, and stop as soon as one is under the bound
            long least = Long.MAX_VALUE;
            for (int i = 0; i < 120 && least >= BOUND; i++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                t.step();
                least = Math.min(least, mx.getCurrentThreadAllocatedBytes() - before);
            }
            assertTrue(least < BOUND, "every warm step allocated at least " + least + " bytes");
        } finally {
            Parallel.setThreads(threads);
        }
    }
}
