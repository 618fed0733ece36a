package vqlens.ui.chart;

/**
 * What the curves' x axis shows (TensorBoard's step / relative choice): the step, the step on a log scale (the
 * first hundred steps stay readable after thousands), or the wall-clock time since the run began, pauses and
 * slow motion included.
 */
public enum StepAxis {
    STEP("step →"),
    LOG_STEP("step (log) →"),
    WALL_TIME("wall time (s) →");

    private final String label;

    StepAxis(String label) {
        this.label = label;
    }

    /** The axis's caption under the plot. */
    public String label() {
        return label;
    }

    /** The tick scale of the axis coordinates. */
    public Scale scale() {
        return this == LOG_STEP ? Scale.LOG : Scale.LINEAR;
    }
}
