package io.jgan.train;

import io.jgan.tensor.io.Json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run: model, objective, data, schedule, optimiser, tricks and
 * logging cadence. A run's {@code config.json} is this record as JSON, so it reproduces the run;
 * {@link #resolved()} fills the recipe defaults (DCGAN: Adam 2e-4, beta1 0.5; WGAN: RMSprop 5e-5,
 * clip 0.01, n_critic 5; WGAN-GP: Adam 1e-4, betas 0.5/0.9, lambda 10, n_critic 5).
 *
 * @param model mlp | dcgan | dcgan-keras | dcgan32 | dcgan64 | cdcgan | cmlp | toy
 * @param loss ns | minimax | wgan | wgan-gp | hinge | lsgan | fgan:&lt;divergence&gt;
 * @param dataset mnist | fashion-mnist | cifar10 | cifar100 | folder | ring8 | grid25 | swissroll
 * @param dataDir the data directory, or null (mnist: the bundled test images)
 * @param steps generator steps to train to (0: use epochs)
 * @param epochs epochs to train (used when steps is 0)
 * @param timeLimitSeconds stop cleanly after this much wall clock (0: none)
 * @param batchSize images per batch
 * @param lrG generator learning rate (null: recipe)
 * @param lrD discriminator learning rate (null: recipe)
 * @param beta1 Adam beta1 (null: recipe)
 * @param beta2 Adam beta2 (null: recipe)
 * @param optimizer adam | rmsprop | sgd (null: recipe)
 * @param nCritic discriminator steps per generator step (null: recipe)
 * @param wganSchedule 100 critic steps for the first 25 generator steps and every 500th (null: on for wgan)
 * @param criticNorm batch | layer | none (null: the model's default; none with a gradient penalty)
 * @param gpLambda gradient-penalty weight (wgan-gp)
 * @param r1Gamma R1 penalty weight (0: off)
 * @param clip WGAN weight clipping c (null: 0.01 for wgan, off otherwise)
 * @param labelSmoothing real-label target for the cross-entropy losses (1: none, 0.9: one-sided smoothing)
 * @param labelFlip probability of flipping a discriminator label
 * @param instanceNoise initial std of Gaussian noise added to D's inputs, decaying linearly to 0
 * @param instanceNoiseSteps steps over which instance noise decays
 * @param dropoutG dropout probability in the generator's hidden layers (a trick of the source texts; 0: off)
 * @param emaDecay generator EMA decay (0: off)
 * @param imageSize image side (28, 32 or 64)
 * @param channels image channels (1 or 3)
 * @param latent latent size (null: the model's default)
 * @param numClasses classes for conditional models
 * @param seed the seed of every random stream
 * @param sampleEvery steps between sample grids (0: never)
 * @param checkpointEvery steps between checkpoints (0: only at the end)
 * @param logEvery steps between metric lines
 * @param nanRetries consecutive non-finite steps tolerated before stopping
 * @param nanHalveAfter halve the learning rates after this many non-finite steps in a row
 */
public record TrainConfig(
        String model, String loss, String dataset, String dataDir,
        long steps, int epochs, long timeLimitSeconds, int batchSize,
        Double lrG, Double lrD, Double beta1, Double beta2, String optimizer,
        Integer nCritic, Boolean wganSchedule, String criticNorm,
        double gpLambda, double r1Gamma, Double clip,
        double labelSmoothing, double labelFlip, double instanceNoise, long instanceNoiseSteps,
        double dropoutG, double emaDecay, int imageSize, int channels, Integer latent, int numClasses, long seed,
        int sampleEvery, int checkpointEvery, int logEvery, int nanRetries, int nanHalveAfter) {

    /** @return the defaults of {@code ./jgan train}: DCGAN, non-saturating loss, bundled MNIST */
    public static TrainConfig defaults() {
        return new TrainConfig("dcgan", "ns", "mnist", null, 0, 0, 0, 64,
                null, null, null, null, null, null, null, null,
                10.0, 0.0, null, 1.0, 0.0, 0.0, 0, 0.0, 0.0, 28, 1, null, 10, 42,
                200, 1000, 10, 10, 3);
    }

    /** @return true for the Wasserstein objectives (critic without sigmoid, W estimate logged) */
    public boolean isWasserstein() {
        return loss.equals("wgan") || loss.equals("wgan-gp");
    }

    /** @return true when the generator and critic update together in one step (f-GAN) */
    public boolean simultaneous() {
        return loss.startsWith("fgan:");
    }

    /** @return true for conditional models (labels go to G and D) */
    public boolean conditional() {
        return model.equals("cdcgan") || model.equals("cmlp");
    }

    /**
     * The recipe defaults filled in; values already set are kept.
     *
     * @return a config with no nulls except dataDir, latent (model default) and criticNorm (model default)
     */
    public TrainConfig resolved() {
        boolean wgan = loss.equals("wgan");
        boolean gp = loss.equals("wgan-gp");
        String opt = optimizer != null ? optimizer : wgan ? "rmsprop" : "adam";
        double lr = wgan ? 5e-5 : gp ? 1e-4 : 2e-4;
        return new TrainConfig(model, loss, dataset, dataDir, steps, epochs, timeLimitSeconds, batchSize,
                lrG != null ? lrG : lr, lrD != null ? lrD : lr,
                beta1 != null ? beta1 : 0.5, beta2 != null ? beta2 : gp ? 0.9 : 0.999, opt,
                nCritic != null ? nCritic : (wgan || gp) ? 5 : 1,
                wganSchedule != null ? wganSchedule : wgan,
                criticNorm, gpLambda, r1Gamma, clip != null ? clip : wgan ? 0.01 : 0.0,
                labelSmoothing, labelFlip, instanceNoise, instanceNoiseSteps, dropoutG, emaDecay, imageSize, channels,
                latent, numClasses, seed, sampleEvery, checkpointEvery, logEvery, nanRetries, nanHalveAfter);
    }

    /**
     * Checks the values a user can get wrong.
     *
     * @return this
     * @throws IllegalArgumentException naming the option and the value
     */
    public TrainConfig validate() {
        positive("batch-size", batchSize);
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0, got " + steps);
        }
        if (epochs < 0) {
            throw new IllegalArgumentException("--epochs must be >= 0, got " + epochs);
        }
        if (lrG != null && !(lrG > 0)) {
            throw new IllegalArgumentException("--lr-g must be > 0, got " + lrG);
        }
        if (lrD != null && !(lrD > 0)) {
            throw new IllegalArgumentException("--lr-d must be > 0, got " + lrD);
        }
        if (beta1 != null && !(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("--beta1 must be in [0, 1), got " + beta1);
        }
        if (beta2 != null && !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("--beta2 must be in [0, 1), got " + beta2);
        }
        if (nCritic != null && nCritic < 1) {
            throw new IllegalArgumentException("--n-critic must be >= 1, got " + nCritic);
        }
        if (!(gpLambda >= 0)) {
            throw new IllegalArgumentException("--gp-lambda must be >= 0, got " + gpLambda);
        }
        if (!(r1Gamma >= 0)) {
            throw new IllegalArgumentException("--r1-gamma must be >= 0, got " + r1Gamma);
        }
        if (clip != null && !(clip >= 0)) {
            throw new IllegalArgumentException("--clip must be >= 0, got " + clip);
        }
        if (!(labelSmoothing > 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("--label-smoothing (the real target) must be in (0, 1], got " + labelSmoothing);
        }
        if (!(labelFlip >= 0 && labelFlip < 0.5)) {
            throw new IllegalArgumentException("--label-flip must be in [0, 0.5), got " + labelFlip);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("--ema must be in [0, 1), got " + emaDecay);
        }
        if (!(dropoutG >= 0 && dropoutG < 1)) {
            throw new IllegalArgumentException("--dropout-g must be in [0, 1), got " + dropoutG);
        }
        if (!(instanceNoise >= 0)) {
            throw new IllegalArgumentException("--instance-noise must be >= 0, got " + instanceNoise);
        }
        if (latent != null) {
            positive("latent", latent);
        }
        positive("image-size", imageSize);
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (optimizer != null && !optimizer.matches("adam|rmsprop|sgd")) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (adam, rmsprop, sgd)");
        }
        if (criticNorm != null && !criticNorm.matches("batch|layer|none")) {
            throw new IllegalArgumentException("unknown critic norm '" + criticNorm + "' (batch, layer, none)");
        }
        if (sampleEvery < 0 || checkpointEvery < 0 || logEvery < 1) {
            throw new IllegalArgumentException("--sample-every and --checkpoint-every must be >= 0 and log-every >= 1");
        }
        return this;
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive, got " + v);
        }
    }

    /**
     * A copy with some values changed, by record component name (e.g. {@code with("model", "mlp", "steps", 100)}).
     *
     * @param keyValues alternating names and values (null clears a recipe value)
     * @return the new config
     * @throws IllegalArgumentException for an unknown name or a value of the wrong type
     */
    public TrainConfig with(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("with() takes name/value pairs");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(toJson());
        for (int i = 0; i < keyValues.length; i += 2) {
            String k = (String) keyValues[i];
            if (!m.containsKey(k)) {
                throw new IllegalArgumentException("unknown config key \"" + k + "\"");
            }
            m.put(k, keyValues[i + 1]);
        }
        return fromJson(Json.write(m));
    }

    /** @return this config as a JSON object (nulls kept, so unset recipe values stay unset) */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (var c : TrainConfig.class.getRecordComponents()) {
            try {
                m.put(c.getName(), c.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Json.write(m);
    }

    /**
     * Reads a config written by {@link #toJson()}; absent keys keep their defaults, unknown keys are refused.
     *
     * @param json the JSON text
     * @return the config
     * @throws IllegalArgumentException naming a bad key or value
     */
    public static TrainConfig fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a config must be a JSON object");
        }
        TrainConfig d = defaults();
        var comps = TrainConfig.class.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            types[i] = comps[i].getType();
            try {
                args[i] = comps[i].getAccessor().invoke(d);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            int idx = -1;
            for (int i = 0; i < comps.length; i++) {
                if (comps[i].getName().equals(e.getKey())) {
                    idx = i;
                }
            }
            if (idx < 0) {
                throw new IllegalArgumentException("unknown config key \"" + e.getKey() + "\"");
            }
            args[idx] = convert(String.valueOf(e.getKey()), e.getValue(), types[idx]);
        }
        try {
            return (TrainConfig) TrainConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Object convert(String key, Object v, Class<?> t) {
        if (v == null) {
            if (t.isPrimitive()) {
                throw new IllegalArgumentException("config key \"" + key + "\" cannot be null");
            }
            return null;
        }
        if (t == String.class && v instanceof String) {
            return v;
        }
        if ((t == Boolean.class || t == boolean.class) && v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            if (t == long.class || t == Long.class) {
                return n.longValue();
            }
            if (t == int.class || t == Integer.class) {
                return n.intValue();
            }
            if (t == double.class || t == Double.class) {
                return n.doubleValue();
            }
        }
        throw new IllegalArgumentException("config key \"" + key + "\" has value " + v + ", expected " + t.getSimpleName());
    }
}
