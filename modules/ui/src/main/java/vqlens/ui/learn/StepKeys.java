package vqlens.ui.learn;

import javafx.scene.input.KeyEvent;

/** The keys of a lesson that steps: → the next step, ← a step back, Space run or pause (LearnView.KEYS lists them). */
final class StepKeys {
    private StepKeys() {
    }

    /** Runs the action of {@code e}'s key; true when the key was one of them. */
    static boolean handle(KeyEvent e, Runnable forward, Runnable back, Runnable runOrPause) {
        Runnable action = switch (e.getCode()) {
            case RIGHT -> forward;
            case LEFT -> back;
            case SPACE -> runOrPause;
            default -> null;
        };
        if (action == null) {
            return false;
        }
        action.run();
        return true;
    }
}
