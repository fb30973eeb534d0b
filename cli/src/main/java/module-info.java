/** jgan cli: the {@code jgan} command (picocli), run directories, progress, PNG grids and plots. */
module io.jgan.cli {
    requires io.jgan.models;
    requires io.jgan.datasets;
    requires info.picocli;
    requires org.knowm.xchart;
    requires me.tongfei.progressbar;
    requires java.desktop;

    // --spark: the gan-spark module's back end, when it is on the path (never required)
    uses io.jgan.train.distributed.DataParallel;

    opens io.jgan.cli to info.picocli;
    opens io.jgan.cli.train to info.picocli;
}
