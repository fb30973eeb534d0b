package io.jgan.cli;

import io.jgan.tensor.Backend;
import io.jgan.tensor.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code jgan info}: the JDK, the vector backend, the CPU's SIMD features and the versions in use — what a bug report needs;
 * with {@code --model}, also the convolution algorithm chosen for each convolution of that model ({@link ConvPlanReport}).
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the JDK, SIMD backend, CPU features and versions;"
        + " with --model, the convolution algorithm chosen for each convolution of that model.")
final class InfoCommand implements Callable<Integer> {
    /** The CPU flags that matter to the Vector API's species and FMA code paths. */
    static final List<String> FEATURES = List.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_vnni",
            "avx512_bf16", "amx_tile", "asimd", "sve", "sve2");

    @ParentCommand
    Main main;

    @Option(names = "--model", completionCandidates = io.jgan.cli.train.Choices.Models.class,
            description = "Also list each convolution of this model with the algorithm chosen per pass (${COMPLETION-CANDIDATES}).")
    String model;

    @Option(names = "--dataset", description = "The data whose shape --model is built for: mnist (1x28x28, the default), fashion-mnist,"
            + " cifar10, cifar100 (3x32x32), folder (3 x --image-size); ring8, grid25, swissroll for --model toy.")
    String dataset;

    @Option(names = "--image-size", description = "The image side for --model with --dataset folder (RGB images), e.g. 64.")
    Integer imageSize;

    @Option(names = "--batch-size", description = "The batch size for --model (default: 64, as jgan train).")
    Integer batchSize;

    @Override
    public Integer call() {
        if (model == null && (dataset != null || imageSize != null || batchSize != null)) {
            throw new UserError("--dataset, --image-size and --batch-size describe the data of --model: give --model too");
        }
        List<String> plan = model == null ? List.of()
                : ConvPlanReport.lines(model, dataset, imageSize, batchSize == null ? 64 : batchSize); // fails before printing
        PrintStream o = main.out();
        Runtime rt = Runtime.getRuntime();
        o.println("jgan        " + Versions.jgan());
        o.println("java        " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
        o.println("java.home   " + System.getProperty("java.home"));
        o.println("os          " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        o.println("cpus        " + rt.availableProcessors() + (cpuModel().isEmpty() ? "" : " (" + cpuModel() + ")"));
        o.println("cpu flags   " + String.join(" ", cpuFeatures()));
        o.println("max heap    " + rt.maxMemory() / (1 << 20) + " MiB");
        o.println("simd        " + (Backend.simd() ? "on" : "off (-Djgan.simd=false)"));
        o.println("species     " + Backend.species() + ", " + Backend.lanes() + " float lanes");
        o.println("threads     " + Parallel.threads());
        Backend.kernelShapes().forEach(line -> o.println("kernels     " + line)); // detected hardware, chosen shapes, why
        o.println("libraries   picocli " + CommandLine.VERSION + ", xchart " + Versions.of(org.knowm.xchart.XYChart.class)
                + ", progressbar " + Versions.of(me.tongfei.progressbar.ProgressBar.class));
        plan.forEach(o::println);
        return Main.OK;
    }

    /** @return the features from {@link #FEATURES} this CPU reports in /proc/cpuinfo (empty elsewhere) */
    static List<String> cpuFeatures() {
        Set<String> flags = new TreeSet<>();
        for (String line : cpuinfo()) {
            if (line.startsWith("flags") || line.startsWith("Features")) {
                flags.addAll(List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                break;
            }
        }
        List<String> out = new ArrayList<>();
        for (String f : FEATURES) {
            if (flags.contains(f)) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            out.add(flags.isEmpty() ? "(unknown: no /proc/cpuinfo)" : "(none of " + String.join(", ", FEATURES) + ")");
        }
        return out;
    }

    private static String cpuModel() {
        for (String line : cpuinfo()) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "";
    }

    private static List<String> cpuinfo() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the features are simply not listed
        }
    }
}
