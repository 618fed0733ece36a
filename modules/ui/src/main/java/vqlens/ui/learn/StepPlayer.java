package vqlens.ui.learn;

import java.util.function.DoubleSupplier;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Button;
import javafx.util.Duration;

/** A lesson's Run / Pause: plays its step at a rate on the FX thread's timer, the button saying what a press does. */
final class StepPlayer {
    private final Runnable step;
    private final DoubleSupplier stepsPerSecond;
    private Button button;
    private Timeline timeline;

    StepPlayer(Runnable step, DoubleSupplier stepsPerSecond) {
        this.step = step;
        this.stepsPerSecond = stepsPerSecond;
    }

    /** The button that shows "Run" or "Pause" (made with the lesson's view). */
    void showOn(Button value) {
        button = value;
        label();
    }

    void toggle() {
        if (timeline != null) {
            stop();
            return;
        }
        timeline = new Timeline(new KeyFrame(Duration.seconds(1 / stepsPerSecond.getAsDouble()), e -> step.run()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
        label();
    }

    void stop() {
        if (timeline != null) {
            timeline.stop();
            timeline = null;
        }
        label();
    }

    /** Plays on at the rate as it is now (after the learner moved the speed). */
    void rateChanged() {
        if (timeline != null) {
            stop();
            toggle();
        }
    }

    boolean playing() {
        return timeline != null;
    }

    private void label() {
        if (button != null) {
            button.setText(timeline != null ? "Pause" : "Run");
        }
    }
}
