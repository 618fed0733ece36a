package vqlens.ui.learn;

import javafx.scene.Scene;
import javafx.stage.Stage;

/** The Learn tab alone on a stage, its background work on the FX thread (synchronous), zoom kept in memory. */
final class LearnFixture {
    static final double WIDTH = 1280;
    static final double HEIGHT = 800;

    private LearnFixture() {
    }

    static LearnView open(Stage stage, ZoomStore zoom) {
        LearnView view = new LearnView(Runnable::run, Runnable::run, zoom);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        vqlens.ui.theme.Theme.LIGHT.applyTo(scene);
        view.installKeys(scene, () -> true);
        stage.setScene(scene);
        stage.show();
        return view;
    }
}
