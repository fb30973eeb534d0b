package io.jgan.cli;

/**
 * Entry point of the {@code jgan} command. Until the picocli commands land (the cli issue), it
 * says what each command will do and which modules are in place.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command line.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        String cmd = args.length == 0 ? "help" : args[0];
        if (cmd.equals("train")) {
            System.out.println("jgan train: will train the default DCGAN (non-saturating loss) on the bundled MNIST"
                    + " test images and write samples, loss.png and a checkpoint to runs/. The training"
                    + " command lands with the cli issue; the numeric core is ready: "
                    + io.jgan.tensor.Tensor.class.getModule().getName() + ".");
            return;
        }
        System.out.println("usage: jgan train | sample | interpolate | eval | info | data  (commands land with the cli issue)");
        if (!cmd.equals("help")) {
            System.exit(2);
        }
    }
}
