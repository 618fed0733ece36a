package vqlens.ui.dashboard;

import java.nio.file.Path;
import java.util.Locale;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import vqlens.train.TrainingEvent;
import vqlens.ui.common.UserMessage;

/**
 * The dashboard's words for the user: the status notice, dialog messages and the training event lines.
 * Created by {@link DashboardViewModel} with it as the properties' bean; used on the FX thread only.
 */
final class StatusMessages {
    /** Events kept for the events panel, the newest. */
    static final int EVENTS_KEPT = 10_000;

    final ReadOnlyStringWrapper notice;
    final ReadOnlyObjectWrapper<UserMessage> message;
    final ReadOnlyStringWrapper lastEvent;
    private final ObservableList<TrainingEvent> events = FXCollections.observableArrayList();
    // kept: an unmodifiable view listens to its list weakly, so a fresh one per call would lose listeners
    final ObservableList<TrainingEvent> eventsView = FXCollections.unmodifiableObservableList(events);

    StatusMessages(Object bean) {
        notice = new ReadOnlyStringWrapper(bean, "notice", "");
        message = new ReadOnlyObjectWrapper<>(bean, "message");
        lastEvent = new ReadOnlyStringWrapper(bean, "lastEvent", "");
    }

    /** A status note; {@code null} clears it. */
    void setNotice(String text) {
        notice.set(text == null ? "" : text);
    }

    /**
     * Shows a message. Cleared first: messages are records, equal when their texts are, and a property
     * reports no change to an equal value, so the same problem twice would otherwise show only once.
     */
    void say(UserMessage m) {
        message.set(null);
        message.set(m);
    }

    void error(String title, String text, Path file) {
        say(UserMessage.error(title, text, file));
    }

    /** Adds a training event, keeping the newest {@value #EVENTS_KEPT}. */
    void event(TrainingEvent e) {
        lastEvent.set(line(e));
        events.add(e);
        if (events.size() > EVENTS_KEPT) {
            events.remove(0, events.size() - EVENTS_KEPT);
        }
    }

    /** An event as one line: {@code step 57: head 3: 1 dead code …}. */
    static String line(TrainingEvent e) {
        return "step " + e.step() + ": " + e.message();
    }

    /** Forgets the run's event lines. */
    void clearEvents() {
        lastEvent.set("");
        events.clear();
    }

    /** The status bar's memory line: heap in use and the limit. */
    static String memoryText() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return String.format(Locale.ROOT, "heap %,d / %,d MB", used >> 20, rt.maxMemory() >> 20);
    }
}
