package vqlens.ui.dashboard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import vqlens.core.DeadCodeRule;
import vqlens.core.QuantizerConfig;
import vqlens.core.SettingProblem;
import vqlens.train.Hyperparameters;
import vqlens.train.Init;
import vqlens.train.UpdateRule;
import vqlens.train.TrainingRules;
import vqlens.train.TrainingSettings;
import vqlens.train.VqVaeShape;
import vqlens.train.data.BuiltInDataset;

/**
 * The set-up panel's state: data, quantizer, method and settings, validated on every change. Each
 * problem is recorded at the field it concerns ({@link FormField#errorProperty()}); {@link #validProperty()}
 * is true only when a run can start with these values. Nothing here throws at the user.
 */
public final class SetupForm {

    /** Where the rows come from. */
    public enum DataKind { BUILT_IN, FILE }

    /** What a data file holds, once opened: its size, or why it cannot be used. */
    public record FileInfo(long rows, int dim, String description, String error) {
        public static FileInfo ok(long rows, int dim, String description) {
            return new FileInfo(rows, dim, description, "");
        }

        public static FileInfo failed(String error) {
            return new FileInfo(0, 0, "", error);
        }

        public boolean ok() {
            return error.isEmpty();
        }
    }

    /**
     * Shape (and for a checkpoint, method) fixed by an opened codebook.
     *
     * @param network a VQ-VAE checkpoint's encoder and decoder, {@code null} for codebooks alone
     */
    public record Fixed(QuantizerConfig quantizer, String source, VqVaeShape network) {
        public Fixed(QuantizerConfig quantizer, String source) {
            this(quantizer, source, null);
        }
    }

    /** What {@link #setVqvae switching to the VQ-VAE mode} fills in: a network that learns the shapes in a minute. */
    static final String VQVAE_HIDDEN = "256,128";

    private final ObjectProperty<DataKind> dataKind = new SimpleObjectProperty<>(this, "dataKind", DataKind.BUILT_IN);
    private final ObjectProperty<BuiltInDataset> dataset = new SimpleObjectProperty<>(this, "dataset", BuiltInDataset.MIXTURE);
    private final ObjectProperty<Path> dataFile = new SimpleObjectProperty<>(this, "dataFile");
    private final ReadOnlyObjectWrapper<FileInfo> fileInfo = new ReadOnlyObjectWrapper<>(this, "fileInfo");
    private final ObjectProperty<UpdateRule> method = new SimpleObjectProperty<>(this, "method", UpdateRule.EMA);
    private final ObjectProperty<Init> init = new SimpleObjectProperty<>(this, "init", Init.LAZY);
    private final ReadOnlyObjectWrapper<Fixed> fixed = new ReadOnlyObjectWrapper<>(this, "fixed");
    private final BooleanProperty runLocked = new SimpleBooleanProperty(this, "runLocked", false);
    private final ReadOnlyBooleanWrapper vqvae = new ReadOnlyBooleanWrapper(this, "vqvae", false);

    final FormField rows = new FormField("rows", "Rows", FormField.Kind.INTEGER, "20000", false,
            "Rows to generate");
    final FormField clusters = new FormField("clusters", "Clusters", FormField.Kind.INTEGER, "16", false,
            "Clusters, rings or spiral arms of the generated set");
    final FormField spread = new FormField("spread", "Spread", FormField.Kind.DECIMAL, "0.1", false,
            "Standard deviation of the noise around the clusters");
    final FormField heads = new FormField("heads", "Heads", FormField.Kind.INTEGER, "4", false,
            "Codebooks; each quantises its own slice of dimension / heads values");
    final FormField codes = new FormField("codes", "Codes per head", FormField.Kind.INTEGER, "256", false,
            "Codes in each head's codebook");
    final FormField dim = new FormField("dim", "Dimension", FormField.Kind.INTEGER, "32", false,
            "Values per row (the embedding dimension); set by a data file or an opened codebook."
                    + " In VQ-VAE mode: the width of the encoder's output, which the quantizer sees");
    final FormField hidden = new FormField("hidden", "Hidden layers", FormField.Kind.SIZES, VQVAE_HIDDEN, false,
            "The encoder's hidden layer sizes from the input side, e.g. 256,128 (ReLU after each);"
                    + " the decoder mirrors them. Empty: no hidden layer");
    final FormField learningRate = new FormField("learningRate", "Learning rate", FormField.Kind.DECIMAL, "0.01", true,
            "Step size of Adam and SGD");
    final FormField decay = new FormField("decay", "Decay", FormField.Kind.DECIMAL, "0.99", true,
            "EMA decay in [0, 1): of the EMA method and of the usage statistics");
    final FormField beta = new FormField("beta", "Commitment β", FormField.Kind.DECIMAL, "0.25", true,
            "Weight of the commitment loss in the total loss");
    final FormField deadThreshold = new FormField("deadThreshold", "Dead-code threshold", FormField.Kind.DECIMAL, "", true,
            "A code used less than this many times per step (EMA) is re-seeded from a data row; 0 = never."
                    + " Follows batch / codes / 16 (1/16 of the fair share) until you type one");
    final FormField batch = new FormField("batch", "Batch", FormField.Kind.INTEGER, "1024", false,
            "Rows per step (k-means: rows per chunk of its full pass)");
    final FormField seed = new FormField("seed", "Seed", FormField.Kind.INTEGER, "1", false,
            "Seeds the data generator, the initialisation and the restarts");
    final FormField maxSteps = new FormField("maxSteps", "Step limit", FormField.Kind.INTEGER, "0", true,
            "Training finishes after this many steps; 0 = no limit");
    final FormField snapshotEvery = new FormField("snapshotEvery", "Snapshot every", FormField.Kind.INTEGER, "0", false,
            "Steps between the trainer's snapshots for the charts; 0 = auto (about 15 per second, under 4% of the time)");

    private final List<FormField> fields = List.of(rows, clusters, spread, hidden, heads, codes, dim, learningRate, decay, beta,
            deadThreshold, batch, seed, maxSteps, snapshotEvery);

    /** The threshold text last set automatically (see {@link #autoDeadThreshold}). */
    private String shownAutoThreshold = "";
    private final ReadOnlyStringWrapper dataError = new ReadOnlyStringWrapper(this, "dataError", "");
    private final ReadOnlyStringWrapper methodError = new ReadOnlyStringWrapper(this, "methodError", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyBooleanWrapper liveValid = new ReadOnlyBooleanWrapper(this, "liveValid", true);
    private boolean validating;

    public SetupForm() {
        dataset.addListener((obs, old, now) -> {
            if (now != null) {
                clusters.setText(Integer.toString(now.defaultClusters() > 0 ? now.defaultClusters() : 16));
                spread.setText(now.defaultSpread() > 0 ? trimNumber(now.defaultSpread()) : "0.1");
            }
            if (now != null && now.planar() && (old == null || !old.planar())) {
                heads.setText("1"); // a 2-D set is one head of 2 dimensions (see validate), so its plane can be shown
            }
            if (now != null && !now.rowsProblems(rowsOr(now.defaultRows())).isEmpty()) {
                rows.setText(Integer.toString(now.defaultRows())); // a fixed set (the digits) has only so many rows
            }
        });
        method.addListener((obs, old, now) -> {
            if (now != null && now.usesLearningRate()
                    && (old == null || !old.usesLearningRate() || learningRate.getText().equals(trimNumber(old.defaultLearningRate())))) {
                learningRate.setText(trimNumber(now.defaultLearningRate()));
            }
        });
        // the threshold follows the fair share until the user types another value
        followFairShare();
        for (Observable o : List.of(batch.textProperty(), codes.textProperty(), rows.textProperty(), method, dataKind,
                fileInfo)) {
            o.addListener(x -> followFairShare());
        }
        List<Observable> watched = new ArrayList<>(List.of(dataKind, dataset, dataFile, fileInfo, method, init, fixed, runLocked,
                vqvae));
        for (FormField f : fields) {
            watched.add(f.textProperty());
        }
        for (Observable o : watched) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Shows the default threshold for the set-up now, unless the field holds a value the user typed. */
    private void followFairShare() {
        String now = autoDeadThreshold();
        if (now == null) {
            return;
        }
        if (deadThreshold.getText().equals(shownAutoThreshold)) {
            deadThreshold.setText(now);
        }
        shownAutoThreshold = now;
    }

    /** The default threshold for the rows a step sees now (k-means: the data's rows), or {@code null} if unknown. */
    private String autoDeadThreshold() {
        Long k = codes.positiveLongOrNull();
        Long stepRows;
        if (method.get() != UpdateRule.KMEANS) {
            stepRows = batch.positiveLongOrNull();
        } else if (dataKind.get() == DataKind.FILE) {
            FileInfo info = fileInfo.get();
            stepRows = info != null && info.ok() && info.rows() > 0 ? info.rows() : null;
        } else {
            stepRows = rows.positiveLongOrNull();
        }
        return k != null && stepRows != null && k <= Integer.MAX_VALUE
                ? trimNumber(DeadCodeRule.defaultThreshold(stepRows, (int) (long) k)) : null;
    }

    // ------------------------------------------------------------------ properties

    public ObjectProperty<DataKind> dataKindProperty() {
        return dataKind;
    }

    public ObjectProperty<BuiltInDataset> datasetProperty() {
        return dataset;
    }

    /** The user's data file; set it through the view model, which also opens it to learn its size. */
    public ReadOnlyObjectProperty<Path> dataFileProperty() {
        return dataFile;
    }

    public ReadOnlyObjectProperty<FileInfo> fileInfoProperty() {
        return fileInfo.getReadOnlyProperty();
    }

    /** The rows typed, or {@code fallback} while the field holds no whole number (no error is shown for it here). */
    private long rowsOr(long fallback) {
        try {
            return Long.parseLong(rows.getText().strip().replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** True in the full VQ-VAE mode: an encoder and decoder learn around the quantizer; set it with {@link #setVqvae}. */
    public ReadOnlyBooleanProperty vqvaeProperty() {
        return vqvae.getReadOnlyProperty();
    }

    /**
     * Switches the mode. Turning the VQ-VAE on also makes the set-up one it can train (unless an opened
     * codebook fixes the shape): the {@code shapes} images for a built-in set without a width of its own, a
     * gradient method, and the small network of the documentation (hidden 256,128, latent 32, 4 × 64 codes,
     * batch 64, 4,096 rows, Adam at 0.002), which learns the shapes in about a minute.
     */
    public void setVqvae(boolean on) {
        if (on == vqvae.get()) {
            return;
        }
        vqvae.set(on);
        if (!on) {
            return;
        }
        if (dataKind.get() == DataKind.BUILT_IN && (dataset.get() == null || dataset.get().fixedDim() == 0)) {
            dataset.set(BuiltInDataset.SHAPES);
        }
        if (method.get() == null || !method.get().usesLearningRate()) {
            method.set(UpdateRule.ADAM);
        }
        if (fixed.get() == null) {
            hidden.setText(VQVAE_HIDDEN);
            dim.setText("32");
            codes.setText("64");
            heads.setText("4");
            batch.setText("64");
            rows.setText(dataset.get() == BuiltInDataset.DIGITS ? Integer.toString(dataset.get().defaultRows()) : "4096");
            learningRate.setText("0.002");
        }
    }

    public ObjectProperty<UpdateRule> methodProperty() {
        return method;
    }

    public ObjectProperty<Init> initProperty() {
        return init;
    }

    /** The shape an opened codebook fixes, or {@code null}. */
    public ReadOnlyObjectProperty<Fixed> fixedProperty() {
        return fixed.getReadOnlyProperty();
    }

    /** True while a run exists: only the live fields stay editable. */
    public ReadOnlyBooleanProperty runLockedProperty() {
        return runLocked;
    }

    /** The problem with the data choice (a file that cannot be used, or of the wrong width), {@code ""} when none. */
    public ReadOnlyStringProperty dataErrorProperty() {
        return dataError.getReadOnlyProperty();
    }

    /** The problem with the method choice (EMA or k-means for a VQ-VAE), {@code ""} when none. */
    public ReadOnlyStringProperty methodErrorProperty() {
        return methodError.getReadOnlyProperty();
    }

    /** True when a run can start with these values. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    /** True when the live fields hold valid values (they apply to a running trainer as they change). */
    public ReadOnlyBooleanProperty liveValidProperty() {
        return liveValid.getReadOnlyProperty();
    }

    /** The first problem, as one line ("Heads: must divide the dimension 30"), {@code ""} when valid. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Every number field, in the panel's order. */
    public List<FormField> fields() {
        return fields;
    }

    /** The field with {@code id}. */
    public FormField field(String id) {
        return fields.stream().filter(f -> f.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no field " + id));
    }

    // ------------------------------------------------------------------ changes from the view model

    void setDataFile(Path file, FileInfo info) {
        dataFile.set(file);
        fileInfo.set(info);
        dataKind.set(DataKind.FILE);
    }

    void setRunLocked(boolean value) {
        runLocked.set(value);
        for (FormField f : fields) {
            f.lockedProperty().set(value && !f.isLive() || isFixedField(f));
        }
    }

    /** Fixes the shape to an opened codebook's; {@code null} releases it. */
    void setFixed(Fixed value) {
        fixed.set(value);
        if (value != null) {
            heads.setText(Integer.toString(value.quantizer().heads()));
            codes.setText(Integer.toString(value.quantizer().codes()));
            dim.setText(Integer.toString(value.quantizer().embeddingDim()));
            vqvae.set(value.network() != null); // the mode is the file's: a codebook continues as a quantizer
            if (value.network() != null) {
                hidden.setText(value.network().hiddenLabel());
            }
        }
        setRunLocked(runLocked.get());
    }

    /** Fills every field from a checkpoint's settings. */
    void fillFrom(TrainingSettings s) {
        vqvae.set(s.vqvae());
        if (s.vqvae()) {
            hidden.setText(s.network().hiddenLabel());
        }
        method.set(s.method());
        init.set(s.init());
        learningRate.setText(trimNumber(s.hyper().learningRate() > 0 ? s.hyper().learningRate() : s.method().defaultLearningRate()));
        if (!s.method().usesLearningRate()) {
            learningRate.setText("0.01");
        }
        decay.setText(trimNumber(s.hyper().decay()));
        beta.setText(trimNumber(s.hyper().beta()));
        deadThreshold.setText(trimNumber(s.hyper().deadThreshold()));
        batch.setText(Integer.toString(s.batch()));
        seed.setText(Long.toString(s.seed()));
        maxSteps.setText(Long.toString(s.maxSteps()));
    }

    /** Fills the data fields from a data choice (a checkpoint's generated set). */
    void fillFrom(DataChoice d) {
        if (d.dataset() != null) {
            dataKind.set(DataKind.BUILT_IN);
            dataset.set(d.dataset());
            rows.setText(Integer.toString(d.rows()));
            if (d.dataset().fixedDim() == 0) { // a set of fixed width leaves the dimension (the latent, for a VQ-VAE) alone
                dim.setText(Integer.toString(d.dim()));
            }
            clusters.setText(Integer.toString(d.clusters()));
            spread.setText(trimNumber(d.spread()));
        }
    }

    private boolean isFixedField(FormField f) {
        return fixed.get() != null && (f == heads || f == codes || f == dim || f == hidden && fixed.get().network() != null);
    }

    /**
     * Whether the dimension comes from elsewhere: an opened codebook, or in quantizer mode the data (a file, a
     * set of fixed width). In VQ-VAE mode it is the latent width, typed.
     */
    public boolean dimensionIsDerived() {
        return fixed.get() != null || !vqvae.get() && (dataKind.get() == DataKind.FILE || builtInWidth() > 0);
    }

    /** The width of the chosen built-in set's rows when it has one of its own (2-D sets, images), else 0. */
    private int builtInWidth() {
        return dataKind.get() == DataKind.BUILT_IN && dataset.get() != null ? dataset.get().fixedDim() : 0;
    }

    /** The width of a data row when known: the file's, or the built-in set's (0 for a set whose width is the dimension). */
    private Integer dataWidth() {
        if (dataKind.get() == DataKind.FILE) {
            FileInfo info = fileInfo.get();
            return info != null && info.ok() ? info.dim() : null;
        }
        return builtInWidth();
    }

    // ------------------------------------------------------------------ validation

    /** Checks everything; records each problem at its field. */
    void validate() {
        if (validating) {
            return;
        }
        validating = true;
        try {
            check();
        } finally {
            validating = false;
        }
    }

    private void check() {
        for (FormField f : fields) {
            f.setError("");
        }
        dataError.set("");
        methodError.set("");
        BuiltInDataset set = dataset.get();
        boolean builtIn = dataKind.get() == DataKind.BUILT_IN;
        boolean lr = method.get() != null && method.get().usesLearningRate();
        rows.applicableProperty().set(builtIn);
        clusters.applicableProperty().set(builtIn && set != null && set.usesClusters());
        spread.applicableProperty().set(builtIn && set != null && set.usesSpread());
        learningRate.applicableProperty().set(lr);
        decay.applicableProperty().set(true);
        boolean vae = vqvae.get();
        hidden.applicableProperty().set(vae);

        // the dimension: typed (the latent width of a VQ-VAE), or derived from the data or an opened codebook
        FileInfo info = fileInfo.get();
        if (!vae && fixed.get() == null && dataWidth() != null && dataWidth() > 0) {
            dim.setText(Integer.toString(dataWidth()));
        }

        // syntax here; every limit from the one set of rules (vqlens.train.TrainingRules)
        Long rowsV = builtIn ? rows.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE) : null;
        Long headsV = heads.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE);
        Long codesV = codes.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE);
        Long dimV = dim.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE);
        Long clustersV = clusters.isApplicable() ? clusters.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE) : null;
        Double spreadV = spread.isApplicable() ? spread.parseDouble() : null;
        Double lrV = lr ? learningRate.parseDouble() : null;
        Double decayV = decay.parseDouble();
        Double betaV = beta.parseDouble();
        Double thresholdV = deadThreshold.parseDouble();
        Long batchV = batch.parseLong(Long.MIN_VALUE, Integer.MAX_VALUE);
        List<Integer> hiddenV = vae ? hidden.parseSizes() : null;
        seed.parseLong(Long.MIN_VALUE, Long.MAX_VALUE);
        Long maxStepsV = maxSteps.parseLong(Long.MIN_VALUE, Long.MAX_VALUE);
        snapshotEvery.parseLong(0, 1_000_000); // the form's own choice: 0 = automatic

        List<SettingProblem> problems = new ArrayList<>(TrainingRules.check(TrainingRules.Draft.empty()
                .shape(headsV, dimV, codesV)
                .hyper(method.get(), lrV, decayV, betaV, thresholdV)
                .run(batchV, maxStepsV, null)
                .network(vae && dataWidth() != null && dataWidth() > 0 ? dataWidth() : null, hiddenV)));
        if (builtIn && set != null && rowsV != null) {
            problems.addAll(set.rowsProblems(rowsV));
        }
        problems.addAll(TrainingRules.generatedData(rowsV, builtIn && set != null && set.fixedDim() > 0 ? (long) set.fixedDim() : dimV,
                clustersV, spreadV));
        for (SettingProblem p : problems) {
            if (p.setting().equals("method")) {
                methodError.set(p.atField());
                continue;
            }
            FormField f = field(p.setting());
            if (f.getError().isEmpty()) {
                f.setError(p.setting().equals("heads") && headsV != null && dimV != null && dimV > 0 && headsV > 0
                        && dimV % headsV != 0 ? p.atField() + divisorsHint(dimV, headsV) : p.atField());
            }
        }

        // the data
        if (!builtIn) {
            if (dataFile.get() == null) {
                dataError.set("choose a .npy or .csv file");
            } else if (info == null) {
                dataError.set("reading the file…");
            } else if (!info.ok()) {
                dataError.set(info.error());
            } else if (vae && fixed.get() != null && fixed.get().network() != null
                    && info.dim() != fixed.get().network().inputDim()) {
                dataError.set("the file's rows have " + info.dim() + " values; the opened network takes "
                        + fixed.get().network().inputDim());
            } else if (!vae && dimV != null && info.dim() != dimV) {
                dataError.set("the file's rows have " + info.dim() + " values; the codebook needs " + dimV);
            }
        } else if (set == null) {
            dataError.set("choose a data set");
        } else if (vae && !TrainingRules.vqvaeData(set).isEmpty()) {
            dataError.set(TrainingRules.vqvaeData(set).get(0).atField());
        } else if (vae && fixed.get() != null && fixed.get().network() != null && set.fixedDim() != fixed.get().network().inputDim()) {
            dataError.set(set.label() + " has " + set.fixedDim() + " values per row; the opened network takes "
                    + fixed.get().network().inputDim());
        } else if (!vae && set.fixedDim() > 0 && fixed.get() != null && fixed.get().quantizer().embeddingDim() != set.fixedDim()) {
            dataError.set(set.label() + " has " + set.fixedDim() + " values per row; the opened codebook needs "
                    + fixed.get().quantizer().embeddingDim());
        }

        String first = "";
        for (FormField f : fields) {
            if (!f.getError().isEmpty()) {
                first = f.label() + ": " + f.getError();
                break;
            }
        }
        if (first.isEmpty() && !dataError.get().isEmpty()) {
            first = "Data: " + dataError.get();
        }
        if (first.isEmpty() && !methodError.get().isEmpty()) {
            first = "Method: " + methodError.get();
        }
        problem.set(first);
        valid.set(first.isEmpty());
        liveValid.set(fields.stream().filter(FormField::isLive).allMatch(f -> f.getError().isEmpty()));
    }

    /** Divisors listed in the hint at most; a dimension with more shows those nearest to the value typed. */
    static final int HINT_DIVISORS = 8;

    /** {@code ": 1, 2, 4, 8, 16, 32"}, or around {@code typed}: {@code ": …, 16, 32, 64, 128, …"}. */
    static String divisorsHint(long dim, long typed) {
        List<Long> divisors = new ArrayList<>();
        for (long d = 1; d * d <= dim; d++) {
            if (dim % d == 0) {
                divisors.add(d);
                if (d != dim / d) {
                    divisors.add(dim / d);
                }
            }
        }
        divisors.sort(null);
        int from = 0;
        int to = divisors.size();
        if (to > HINT_DIVISORS) {
            int at = 0;
            while (at < divisors.size() && divisors.get(at) < typed) {
                at++;
            }
            from = Math.max(0, Math.min(at - HINT_DIVISORS / 2, divisors.size() - HINT_DIVISORS));
            to = from + HINT_DIVISORS;
        }
        List<String> shown = new ArrayList<>();
        divisors.subList(from, to).forEach(d -> shown.add(Long.toString(d)));
        return ": " + (from > 0 ? "…, " : "") + String.join(", ", shown) + (to < divisors.size() ? ", …" : "");
    }

    // ------------------------------------------------------------------ reading valid values

    /** The data as chosen; only when valid. */
    DataChoice dataChoice() {
        requireValid();
        if (dataKind.get() == DataKind.FILE) {
            return DataChoice.file(dataFile.get());
        }
        BuiltInDataset set = dataset.get();
        return DataChoice.builtIn(set, (int) longOf(rows), set.fixedDim() > 0 ? set.fixedDim() : (int) longOf(dim),
                set.usesClusters() ? (int) longOf(clusters) : Math.max(1, set.defaultClusters()),
                set.usesSpread() ? doubleOf(spread) : set.defaultSpread(), longOf(seed));
    }

    QuantizerConfig quantizer() {
        requireValid();
        return new QuantizerConfig((int) longOf(heads), (int) longOf(dim), (int) longOf(codes));
    }

    /** The live settings; only when {@link #liveValidProperty()} holds. */
    Hyperparameters hyperparameters() {
        UpdateRule m = method.get();
        double lrValue = m.usesLearningRate() ? doubleOf(learningRate) : 0.0;
        return new Hyperparameters(lrValue, doubleOf(decay), doubleOf(beta), doubleOf(deadThreshold));
    }

    long maxStepsValue() {
        return longOf(maxSteps);
    }

    /** The settings of a fresh run with {@code snapshotEvery} resolved; only when valid. */
    TrainingSettings settings(int everyAuto) {
        requireValid();
        long every = longOf(snapshotEvery);
        return new TrainingSettings(quantizer(), method.get(), init.get(), (int) longOf(batch), longOf(seed), longOf(maxSteps),
                hyperparameters(), (int) (every > 0 ? every : everyAuto), vqvae.get() ? network() : null);
    }

    /** The VQ-VAE's encoder and decoder; only when valid in VQ-VAE mode. */
    VqVaeShape network() {
        requireValid();
        return new VqVaeShape(dataWidth(), hidden.parseSizes());
    }

    /** The explicit snapshot interval, 0 for auto. */
    long snapshotEveryValue() {
        return longOf(snapshotEvery);
    }

    /** Rows in one pass over the chosen data; only when valid. */
    long dataRows() {
        requireValid();
        return dataKind.get() == DataKind.FILE ? fileInfo.get().rows() : longOf(rows);
    }

    int batchValue() {
        return (int) longOf(batch);
    }

    private void requireValid() {
        if (!valid.get()) {
            throw new IllegalStateException("the set-up is not valid: " + problem.get());
        }
    }

    private static long longOf(FormField f) {
        return Long.parseLong(f.getText().strip().replace("_", ""));
    }

    private static double doubleOf(FormField f) {
        return Double.parseDouble(f.getText().strip().replace("_", ""));
    }

    static String trimNumber(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override
    public String toString() {
        return "SetupForm" + fields + (valid.get() ? "" : " invalid: " + problem.get());
    }
}
