package io.jgan.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * CIFAR-100 in its binary version: {@code train.bin} (50,000 images) and {@code test.bin}
 * (10,000), 3x32x32 RGB. Each record is the coarse label byte (20 superclasses), the fine label
 * byte (100 classes), then 3072 pixel bytes in CHW order; the names are in
 * {@code coarse_label_names.txt} and {@code fine_label_names.txt}. One read gives both labellings,
 * sharing the pixels.
 *
 * @param fine the images labelled with the 100 fine classes
 * @param coarse the same images labelled with the 20 superclasses
 */
public record Cifar100(ImageDataset fine, ImageDataset coarse) {
    /** The directory the official archive unpacks to. */
    public static final String ARCHIVE_DIR = "cifar-100-binary";
    /** Bytes per record: two label bytes and 3072 pixels. */
    public static final int RECORD_BYTES = 2 + CifarBinary.IMAGE_BYTES;

    /** The 20 superclass names, used when {@code coarse_label_names.txt} is absent. */
    public static final List<String> COARSE_NAMES = List.of("aquatic_mammals", "fish", "flowers", "food_containers",
            "fruit_and_vegetables", "household_electrical_devices", "household_furniture", "insects",
            "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
            "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles",
            "small_mammals", "trees", "vehicles_1", "vehicles_2");

    /** The 100 class names, used when {@code fine_label_names.txt} is absent. */
    public static final List<String> FINE_NAMES = List.of("apple", "aquarium_fish", "baby", "bear", "beaver", "bed",
            "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle",
            "caterpillar", "cattle", "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile",
            "cup", "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house",
            "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree",
            "motorcycle", "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
            "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon", "ray",
            "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail", "snake",
            "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone", "television",
            "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
            "woman", "worm");

    /**
     * @param split the split
     * @return the file name of that split
     */
    public static String file(Split split) {
        return split == Split.TRAIN ? "train.bin" : "test.bin";
    }

    /**
     * Loads a split.
     *
     * @param dir the directory holding {@code train.bin}/{@code test.bin}, or its parent
     * @param split which split
     * @return both labellings of the split's images
     * @throws java.nio.file.NoSuchFileException if the file is missing
     * @throws DatasetFormatException if a file is malformed
     * @throws IOException if a file cannot be read
     */
    public static Cifar100 load(Path dir, Split split) throws IOException {
        Path base = CifarBinary.locate(dir, ARCHIVE_DIR, file(split));
        List<String> coarseNames = CifarBinary.names(base.resolve("coarse_label_names.txt"), COARSE_NAMES);
        List<String> fineNames = CifarBinary.names(base.resolve("fine_label_names.txt"), FINE_NAMES);
        CifarBinary.Records records = CifarBinary.read(List.of(base.resolve(file(split))), 2,
                new int[] {coarseNames.size(), fineNames.size()});
        String name = "CIFAR-100 " + split.name().toLowerCase(java.util.Locale.ROOT);
        ImageDataset fine = new ImageDataset(name, records.pixels(), 3, CifarBinary.SIDE, CifarBinary.SIDE,
                records.labels()[1], fineNames);
        return new Cifar100(fine, fine.withLabels(records.labels()[0], coarseNames));
    }
}
