package io.jgan.cli.train;

import io.jgan.cli.data.TrainData;
import io.jgan.models.CriticNorm;
import io.jgan.models.ModelKind;
import io.jgan.train.spec.OptimizerKind;
import io.jgan.train.spec.PenaltyKind;
import io.jgan.train.spec.Recipe;
import io.jgan.train.spec.UpdateSchedule;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The fixed choices of {@code jgan train}'s options, by their command-line names: picocli lists
 * them in {@code --help} ({@code ${COMPLETION-CANDIDATES}}) and in shell completion, and the
 * converters turn a name into the typed value or a one-line error listing the choices.
 */
public final class Choices {
    private Choices() {}

    /** The model names. */
    public static final class Models implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ModelKind.values()).map(ModelKind::cliName).iterator();
        }
    }

    /** The loss and recipe names. */
    public static final class Losses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Recipe.names().iterator();
        }
    }

    /** The dataset names. */
    public static final class Datasets implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TrainData.NAMES.iterator();
        }
    }

    /** The optimiser names. */
    public static final class Optimizers implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(OptimizerKind.values()).map(OptimizerKind::cliName).iterator();
        }
    }

    /** The critic norms. */
    public static final class Norms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(CriticNorm.values()).map(CriticNorm::cliName).iterator();
        }
    }

    /** The penalty names (each optionally :WEIGHT). */
    public static final class Penalties implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(PenaltyKind.values()).map(PenaltyKind::cliName).iterator();
        }
    }

    /** The update schedules. */
    public static final class Schedules implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(UpdateSchedule.values()).map(UpdateSchedule::cliName).iterator();
        }
    }

    /** Converts a model name. */
    public static final class ToModel implements CommandLine.ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String v) {
            return wrap(() -> ModelKind.parse(v));
        }
    }

    /** Checks and normalises a loss or recipe name. */
    public static final class ToLoss implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String v) {
            return wrap(() -> Recipe.byName(v).name());
        }
    }

    /** Checks a dataset name. */
    public static final class ToDataset implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String v) {
            return wrap(() -> {
                TrainData.checkName(v);
                return v;
            });
        }
    }

    /** Converts an optimiser name. */
    public static final class ToOptimizer implements CommandLine.ITypeConverter<OptimizerKind> {
        @Override
        public OptimizerKind convert(String v) {
            return wrap(() -> OptimizerKind.parse(v));
        }
    }

    /** Converts a critic norm. */
    public static final class ToNorm implements CommandLine.ITypeConverter<CriticNorm> {
        @Override
        public CriticNorm convert(String v) {
            return wrap(() -> CriticNorm.parse(v));
        }
    }

    /** The initialisations of the DCGAN-family models. */
    public static final class Inits implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(io.jgan.models.WeightInit.values()).map(io.jgan.models.WeightInit::cliName).iterator();
        }
    }

    /** Converts an initialisation name. */
    public static final class ToInit implements CommandLine.ITypeConverter<io.jgan.models.WeightInit> {
        @Override
        public io.jgan.models.WeightInit convert(String v) {
            return wrap(() -> io.jgan.models.WeightInit.parse(v));
        }
    }

    /** The batch-norm statistics a generator can sample with. */
    public static final class SamplingNorms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(io.jgan.train.SamplingNorm.values()).map(io.jgan.train.SamplingNorm::cliName).iterator();
        }
    }

    /** Converts a sampling norm name (running, standing, batch). */
    public static final class ToSamplingNorm implements CommandLine.ITypeConverter<io.jgan.train.SamplingNorm> {
        @Override
        public io.jgan.train.SamplingNorm convert(String v) {
            return wrap(() -> io.jgan.train.SamplingNorm.parse(v));
        }
    }

    /** Converts an update schedule. */
    public static final class ToSchedule implements CommandLine.ITypeConverter<UpdateSchedule> {
        @Override
        public UpdateSchedule convert(String v) {
            return wrap(() -> UpdateSchedule.parse(v));
        }
    }

    /** f-GAN's generator objectives. */
    public static final class GeneratorForms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(io.jgan.losses.FDivergence.GeneratorForm.values())
                    .map(io.jgan.losses.FDivergence.GeneratorForm::cliName).iterator();
        }
    }

    /** Converts an f-GAN generator objective's name. */
    public static final class ToGeneratorForm implements CommandLine.ITypeConverter<io.jgan.losses.FDivergence.GeneratorForm> {
        @Override
        public io.jgan.losses.FDivergence.GeneratorForm convert(String v) {
            return wrap(() -> io.jgan.losses.FDivergence.GeneratorForm.parse(v));
        }
    }

    /** Converts {@code NAME[:WEIGHT]}. */
    public static final class ToPenalty implements CommandLine.ITypeConverter<io.jgan.train.spec.PenaltySpec.Edit> {
        @Override
        public io.jgan.train.spec.PenaltySpec.Edit convert(String v) {
            return wrap(() -> io.jgan.train.spec.PenaltySpec.parse(v));
        }
    }

    /**
     * Adam's two betas as typed.
     *
     * @param beta1 the first
     * @param beta2 the second
     */
    public record Betas(double beta1, double beta2) {
        @Override
        public String toString() {
            return beta1 + "," + beta2;
        }
    }

    /** Converts {@code B1,B2}. */
    public static final class ToBetas implements CommandLine.ITypeConverter<Betas> {
        @Override
        public Betas convert(String v) {
            String[] p = v.split(",");
            try {
                if (p.length == 2) {
                    return new Betas(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("'" + v + "' is not two numbers B1,B2 (e.g. 0.5,0.999)");
        }
    }

    private static <T> T wrap(java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /** @return every loss name, for messages */
    static List<String> losses() {
        return Recipe.names();
    }
}
