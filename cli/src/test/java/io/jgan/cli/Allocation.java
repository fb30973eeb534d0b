package io.jgan.cli;

/**
 * The bytes the current thread has allocated, read through reflection so the cli module need not
 * read java.management at compile time (the tests run on the class path, where every module is there).
 */
final class Allocation {
    private Allocation() {}

    static long ofThisThread() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JVM does not report allocated bytes", e);
        }
    }
}
