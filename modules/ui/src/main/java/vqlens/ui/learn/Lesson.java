package vqlens.ui.learn;

import javafx.scene.Node;
import javafx.scene.input.KeyEvent;
import vqlens.ui.learn.model.LessonModel;

/** One lesson of the Learn tab: its state (a {@link LessonModel}), text and interactive view, built on first show. */
abstract class Lesson {
    private Node text;
    private Node view;

    abstract String title();

    abstract LessonModel model();

    protected abstract Node buildText();

    protected abstract Node buildView();

    /** What Export figure saves: the interactive view by default. */
    Node figure() {
        return view();
    }

    final Node text() {
        if (text == null) {
            text = buildText();
        }
        return text;
    }

    final Node view() {
        if (view == null) {
            view = buildView();
        }
        return view;
    }

    /** The learner left the lesson: stop what plays by itself (a Run timer); background work may finish. */
    void pause() {
    }

    /** Presenter zoom for what CSS does not scale (canvas drawings). */
    void setZoom(double zoom) {
    }

    /** The lesson's own keys (arrows, space); true when the key was used. Not called while a text field has focus. */
    boolean key(KeyEvent e) {
        return false;
    }
}
