package io.jgan.train.spec;

import io.jgan.models.DataShape;

/**
 * The data a run trains on, as far as the run needs to know it: the shape (what the models must
 * fit) and, for the record, where it came from. The trainer reads batches from a
 * {@link io.jgan.train.BatchSource}; the name and directory only let a front end reopen the data
 * (the command line's {@code --dataset} and {@code --data-dir}).
 *
 * @param name a label for the data ({@code mnist}, {@code ring8}, or anything for data of your own)
 * @param dir the directory it was read from, or null
 * @param shape the shape of one sample and the number of classes
 */
public record DataSpec(String name, String dir, DataShape shape) {

    /** Validates the values. */
    public DataSpec {
        SpecException.require(name != null && !name.isBlank(), "name", "must not be blank");
        SpecException.require(shape != null, "shape", "must not be null");
    }

    /** @param name a label @param shape the shape @return data with no directory */
    public static DataSpec of(String name, DataShape shape) {
        return new DataSpec(name, null, shape);
    }
}
