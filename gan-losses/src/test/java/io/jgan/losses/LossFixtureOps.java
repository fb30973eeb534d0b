package io.jgan.losses;

import io.jgan.autograd.Variable;
import io.jgan.autograd.fixtures.FixtureCase;
import io.jgan.autograd.fixtures.FixtureOpProvider;
import io.jgan.autograd.fixtures.FixtureOps;

import java.util.Map;

/**
 * The fixture ops of gan-losses, for the project-wide parity walker (found through
 * {@code META-INF/services/io.jgan.autograd.fixtures.FixtureOpProvider}):
 * <ul>
 *   <li>{@code gan_loss}, params {@code loss = <kind>_<d|g>} with kind minimax, nonsaturating,
 *       wasserstein, hinge, lsgan; inputs {@code v_real}, {@code v_fake};</li>
 *   <li>{@code fgan_loss}, params {@code divergence}, {@code side = d|g};</li>
 *   <li>{@code wgan_gp} and {@code r1}, replacing core-autograd's hand-written runners so that the
 *       walker checks {@link GradientPenalty} and {@link R1} themselves, through double backward.</li>
 * </ul>
 */
public final class LossFixtureOps implements FixtureOpProvider {

    /** For the ServiceLoader. */
    public LossFixtureOps() {
    }

    @Override
    public void register(FixtureOps ops) {
        ops.register("gan_loss", LossFixtureOps::ganLoss);
        ops.register("fgan_loss", LossFixtureOps::fganLoss);
        ops.register("wgan_gp", LossFixtureOps::wganGp);
        ops.register("r1", LossFixtureOps::r1);
    }

    /** @return the registry of this module's runners alone */
    static FixtureOps own() {
        FixtureOps ops = FixtureOps.empty();
        new LossFixtureOps().register(ops);
        return ops;
    }

    private static Map<String, Variable> ganLoss(FixtureCase c, Map<String, Variable> in) {
        String spec = (String) c.param("loss");
        int cut = spec.lastIndexOf('_');
        if (cut < 0) {
            throw new IllegalArgumentException(c.name() + ": loss '" + spec + "' is not <kind>_<d|g>");
        }
        GanLoss loss = switch (spec.substring(0, cut)) {
            case "minimax" -> new Minimax();
            case "nonsaturating" -> new NonSaturating();
            case "wasserstein" -> new Wasserstein();
            case "hinge" -> new Hinge();
            case "lsgan" -> new LeastSquares();
            default -> throw new IllegalArgumentException(c.name() + ": unknown gan_loss kind in '" + spec + "'");
        };
        return Map.of("out", side(c, loss, spec.substring(cut + 1), in));
    }

    private static Map<String, Variable> fganLoss(FixtureCase c, Map<String, Variable> in) {
        GanLoss loss = new FDivergence(Divergence.byName((String) c.param("divergence")));
        return Map.of("out", side(c, loss, (String) c.param("side"), in));
    }

    private static Variable side(FixtureCase c, GanLoss loss, String side, Map<String, Variable> in) {
        return switch (side) {
            case "d" -> loss.discriminatorLoss(in.get("v_real"), in.get("v_fake"));
            case "g" -> loss.generatorLoss(in.get("v_fake"));
            default -> throw new IllegalArgumentException(c.name() + ": side must be d or g, got '" + side + "'");
        };
    }

    /** gp = E[(||grad D(x_hat)|| - 1)^2] without lambda; loss = E[D(fake)] - E[D(real)] + lambda gp. */
    private static Map<String, Variable> wganGp(FixtureCase c, Map<String, Variable> in) {
        FixtureCritic critic = new FixtureCritic(c.param("critic"), in);
        GradientPenalty penalty = new GradientPenalty(c.floatParam("lambda"));
        Variable real = in.get("real");
        Variable fake = in.get("fake");
        Variable gp = penalty.unweighted(critic, real, fake, in.get("eps"));
        Variable loss = new Wasserstein().discriminatorLoss(critic.apply(real), critic.apply(fake))
                .add(gp.mul((float) penalty.lambda()));
        return Map.of("gp", gp, "loss", loss);
    }

    private static Map<String, Variable> r1(FixtureCase c, Map<String, Variable> in) {
        FixtureCritic critic = new FixtureCritic(c.param("critic"), in);
        return Map.of("r1", new R1(c.floatParam("gamma")).penalty(critic, in.get("real")));
    }
}
