package vqlens.ui.dashboard;

import vqlens.train.TrainerState;

/** Where the dashboard's run stands, as the controls and the status bar show it. */
public enum RunState {
    /** No run: the set-up can be edited; Start or Step begins a run. */
    NONE("Ready"),
    /** Data being generated or opened, the trainer being made. */
    PREPARING("Preparing…"),
    /** A trainer exists and has not started. */
    IDLE("Ready"),
    RUNNING("Running"),
    PAUSED("Paused"),
    /** The step limit was reached. */
    FINISHED("Finished"),
    STOPPED("Stopped"),
    FAILED("Failed");

    private final String label;

    RunState(String label) {
        this.label = label;
    }

    /** For the status bar. */
    public String label() {
        return label;
    }

    /** Whether a trainer exists in this state. */
    public boolean hasRun() {
        return this != NONE && this != PREPARING;
    }

    static RunState of(TrainerState state) {
        return switch (state) {
            case IDLE -> IDLE;
            case RUNNING -> RUNNING;
            case PAUSED -> PAUSED;
            case FINISHED -> FINISHED;
            case STOPPED -> STOPPED;
            case FAILED -> FAILED;
        };
    }
}
