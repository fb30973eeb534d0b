package io.jgan.datasets;

/** The two standard partitions of a dataset. */
public enum Split {
    /** The training partition (MNIST: 60,000 images; CIFAR: 50,000). */
    TRAIN,
    /** The held-out test partition (MNIST and CIFAR: 10,000 images). */
    TEST
}
