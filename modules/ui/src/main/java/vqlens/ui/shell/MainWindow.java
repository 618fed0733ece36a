package vqlens.ui.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import vqlens.train.TrainingSnapshot;
import vqlens.ui.StartupTrace;
import vqlens.ui.common.OnHandCodebooks;
import vqlens.ui.dashboard.DashboardController;
import vqlens.ui.dashboard.DashboardServices;
import vqlens.ui.dashboard.DashboardViewModel;
import vqlens.ui.common.Delayer;
import vqlens.ui.dashboard.RunState;
import vqlens.ui.dashboard.TrainerFactory;
import vqlens.ui.inspect.InspectorController;
import vqlens.ui.inspect.InspectorServices;
import vqlens.ui.inspect.InspectorViewModel;
import vqlens.ui.inspect.TrainerLink;
import vqlens.ui.learn.LearnView;
import vqlens.ui.theme.Theme;

/**
 * Builds the main window on a stage: the FXML view, its view models (shell, dashboard, inspector), the theme,
 * the title (the file of the tab on show; "•" marks the inspector's unsaved edits) and the questions asked
 * before closing.
 */
public final class MainWindow {

    /** The window title (the codebook file follows it once one is opened or saved). */
    public static final String TITLE = "VQ Lens";
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final Stage stage;
    private final Scene scene;
    private final MainWindowViewModel shell;
    private final DashboardViewModel dashboard;
    private final MainWindowController controller;
    private final InspectorViewModel inspector;
    private Theme theme = Theme.LIGHT;

    private MainWindow(Stage stage, Scene scene, MainWindowViewModel shell, DashboardViewModel dashboard,
                       MainWindowController controller) {
        this.stage = stage;
        this.scene = scene;
        this.shell = shell;
        this.dashboard = dashboard;
        this.controller = controller;
        this.inspector = controller.inspectorViewModel();
    }

    /**
     * Puts the main window on {@code stage} with a dashboard whose training runs on a daemon thread of its
     * own and whose file work runs on {@code services.background()}.
     */
    public static MainWindow open(Stage stage, ShellServices services) {
        ExecutorService training = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vqlens-training");
            t.setDaemon(true);
            return t;
        });
        return open(stage, services, new DashboardServices(training, services.background(), services.fxThread(),
                Delayer.system(), DashboardServices.DEFAULT_REFRESH_HZ, TrainerFactory.DEFAULT));
    }

    /**
     * Puts the main window on {@code stage} and shows it, the Train tab holding a placeholder and the status bar
     * saying the compute runtime is loading (the runtime's executor decides when the load starts: in the app,
     * after the first frame). Then, through {@link ShellServices#afterFirstFrame()}, it builds the training view
     * and the tooltips. So the window is up before its heaviest view and before ND4J.
     */
    public static MainWindow open(Stage stage, ShellServices services, DashboardServices dashboardServices) {
        StartupTrace.mark("building the window");
        MainWindowViewModel viewModel = new MainWindowViewModel(services);
        DashboardViewModel dashboard = new DashboardViewModel(dashboardServices);
        // The file thread, not the runtime loader's: opening a codebook must not wait for ND4J to load.
        InspectorViewModel inspector = new InspectorViewModel(
                new InspectorServices(dashboardServices.background(), services.fxThread(),
                        dashboardServices.delayer()));
        MainWindowController[] controller = new MainWindowController[1];
        MainWindow[] window = new MainWindow[1];
        Supplier<LearnView> learn = () -> new LearnView(dashboardServices.background(), services.fxThread(),
                services.zoomStore(), () -> onHand(dashboard, inspector));
        Parent view = loadView(viewModel, dashboard, inspector, () -> requestClose(stage),
                theme -> window[0].setTheme(theme), learn, controller);
        Scene scene = new Scene(view, WIDTH, HEIGHT);
        window[0] = new MainWindow(stage, scene, viewModel, dashboard, controller[0]);
        Theme.LIGHT.applyTo(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        StringBinding title = Bindings.createStringBinding(() -> controller[0].inspectingProperty().get()
                        ? inspectorTitle(inspector) : title(dashboard.codebookFileProperty().get()),
                controller[0].inspectingProperty(), dashboard.codebookFileProperty(), inspector.fileProperty(),
                inspector.dirtyProperty(), inspector.followingProperty(), inspector.codebooksProperty());
        stage.titleProperty().bind(title);
        // The property, not an added handler: a stage that hosted an earlier window (tests reuse one) asks once.
        stage.setOnCloseRequest(e -> window[0].confirmClose(e));
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> {
            controller[0].stopTickers();
            dashboard.dispose();
        });
        // The first frame already says "Loading ND4J…" (its spinner keeps frames coming, which the deferred
        // set-up below counts on); the runtime's executor starts the load itself only after that frame.
        viewModel.loadComputeRuntime();
        stage.show();
        StartupTrace.mark("window shown");
        services.afterFirstFrame().execute(() -> {
            StartupTrace.mark("first frame out");
            controller[0].buildDeferredParts();
            StartupTrace.mark("training view built");
        });
        return window[0];
    }

    /** The codebooks open in the inspector and being trained, for the Learn tab (read on the FX thread). */
    static List<OnHandCodebooks> onHand(DashboardViewModel dashboard, InspectorViewModel inspector) {
        List<OnHandCodebooks> out = new ArrayList<>();
        if (inspector.getCodebooks() != null) {
            out.add(new OnHandCodebooks("open in the inspector: " + inspector.documentName(), inspector.getCodebooks()));
        }
        TrainingSnapshot s = dashboard.latestSnapshot();
        if (s != null && s.codebooks() != null) {
            String name = "being trained (step " + s.step() + ")";
            float[] latents = s.vqvae() == null ? new float[0] : s.vqvae().latents();
            out.add(latents.length > 0 && latents.length % s.codebooks().config().embeddingDim() == 0
                    ? new OnHandCodebooks(name + ", a VQ-VAE", s.codebooks(), latents, "the encoder's output z_e of sample")
                    : new OnHandCodebooks(name, s.codebooks()));
        }
        return out;
    }

    /** The title on the Train tab: the codebook file of the run, if any, then the app's name. */
    static String title(Path file) {
        return file == null ? TITLE : file.getFileName() + " — " + TITLE;
    }

    /** The title on the Inspect tab: "• name.npz — VQ Lens", the dot marking unsaved edits. */
    static String inspectorTitle(InspectorViewModel inspector) {
        String name = inspector.documentName();
        if (name.isEmpty()) {
            return TITLE;
        }
        return (inspector.isDirty() ? "• " : "") + name + " — " + TITLE;
    }

    /** Loads {@code MainWindow.fxml} with its controller bound to the view models (the training view comes later). */
    static Parent loadView(MainWindowViewModel viewModel, DashboardViewModel dashboard, InspectorViewModel inspector,
                           Runnable quit, java.util.function.Consumer<Theme> themes, Supplier<LearnView> learn,
                           MainWindowController[] out) {
        FXMLLoader loader = new FXMLLoader(MainWindow.class.getResource("MainWindow.fxml"));
        loader.setClassLoader(MainWindow.class.getClassLoader());
        loader.setControllerFactory(type -> {
            if (type == MainWindowController.class) {
                out[0] = new MainWindowController(viewModel, quit, themes, dashboard,
                        () -> new DashboardController(dashboard),
                        new InspectorController(inspector, dashboard.trainerProperty(), TrainerLink::new), learn);
                return out[0];
            }
            throw new IllegalArgumentException("unexpected controller " + type);
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainWindow.fxml", e);
        }
    }

    /** Switches the theme of the window (and of the dialogs it opens from now on). */
    public void setTheme(Theme value) {
        theme = Objects.requireNonNull(value, "theme");
        value.applyTo(scene);
        controller.showTheme(value);
    }

    public Theme theme() {
        return theme;
    }

    public Stage stage() {
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public MainWindowViewModel shell() {
        return shell;
    }

    public DashboardViewModel dashboard() {
        return dashboard;
    }

    public DashboardController dashboardController() {
        return controller.dashboard();
    }

    /** The inspector's view model (codebooks on show, edits). */
    public InspectorViewModel inspector() {
        return inspector;
    }

    /** The inspector's controller (file and edit commands, dialogs). */
    public InspectorController inspectorController() {
        return controller.inspector();
    }

    /** Shows the Inspect tab. */
    public void showInspector() {
        controller.showInspector();
    }

    /** Shows the Learn tab, building it the first time. */
    public LearnView showLearn() {
        controller.showLearn();
        return controller.learn();
    }

    /**
     * Asks before closing: first about the inspector's unsaved edits (Save / Don't save / Cancel; Save closes
     * once saved), then while a run with unsaved progress is going on.
     */
    private void confirmClose(WindowEvent e) {
        if (inspector.isDirty() && !controller.inspector().askToKeepEdits("Quit VQ Lens", stage::hide)) {
            e.consume();
            return;
        }
        RunState s = dashboard.getState();
        boolean active = s == RunState.RUNNING || s == RunState.PAUSED;
        if (!active || dashboard.getStep() == 0) {
            return;
        }
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                "Training is still going on. Quit anyway? Codebooks not saved are lost.", ButtonType.CANCEL, ButtonType.OK);
        ask.initOwner(stage);
        ask.setTitle("Quit VQ Lens");
        ask.setHeaderText("Quit while training?");
        ask.getDialogPane().getStylesheets().setAll(scene.getStylesheets());
        if (ask.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            e.consume();
        }
    }

    /**
     * Closes the window the way its close button does: a close request that a handler can veto by
     * consuming it (a training run still going asks first); unvetoed, the stage hides.
     */
    private static void requestClose(Stage stage) {
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
    }
}
