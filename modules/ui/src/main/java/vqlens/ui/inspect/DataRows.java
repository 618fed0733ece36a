package vqlens.ui.inspect;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

import vqlens.core.Codebooks;
import vqlens.core.NearestCodes;
import vqlens.core.QuantizerConfig;
import vqlens.core.VqException;
import vqlens.train.data.DataSource;
import vqlens.ui.chart.NumberText;
import vqlens.ui.common.LatestResult;

/**
 * The data rows shown with the codebooks, and the usage counted from them when no source knows a better one.
 * Created once by {@link InspectorViewModel}; runs on the FX thread, counting big samples in the background
 * through {@link InspectorServices}.
 */
final class DataRows {

    private final InspectorState state;
    private final LatestResult usageCount;

    DataRows(InspectorState state, InspectorServices services) {
        this.state = state;
        this.usageCount = new LatestResult(services.background(), services.fxThread());
    }

    /** The file the rows on show were read from, {@code null} for rows from elsewhere (a run, a test). */
    private Path source;

    void setData(DataSample sample) {
        source = null;
        state.data.set(sample);
        deriveUsage();
    }

    Path source() {
        return state.data.get() != null ? source : null;
    }

    /**
     * Counts the data rows nearest to each code, as the usage, when no other usage is known (not while
     * following a run, whose EMA usage is better). Again after every edit, since edits move the cells.
     */
    void deriveUsage() {
        CodeUsage known = state.usage.get();
        if (state.following.get() || known != null && !state.usageDerived) {
            usageCount.cancel();
            return;
        }
        Codebooks cb = state.codebooks.get();
        DataSample d = fittingData();
        if (cb == null || d == null) {
            usageCount.cancel();
            if (state.usageDerived) {
                state.usageDerived = false;
                state.usage.set(null);
            }
            return;
        }
        QuantizerConfig q = cb.config();
        Supplier<CodeUsage> count = () -> {
            float[] rows = d.values();
            double[] counts = new double[q.heads() * q.codes()];
            for (int h = 0; h < q.heads(); h++) {
                for (int code : NearestCodes.ofHead(cb, h, rows, d.rows())) {
                    counts[h * q.codes() + code]++;
                }
            }
            return new CodeUsage(counts, q.heads(), q.codes(),
                    "rows nearest to each code, of the " + NumberText.grouped(d.rows()) + " data rows");
        };
        usageCount.compute((long) d.rows() * q.codes() * q.embeddingDim() <= InspectorViewModel.STATS_INLINE_WORK,
                count, u -> {
                    if (state.codebooks.get() == cb) {
                        state.usageDerived = true;
                        state.usageIsCounts = false;
                        state.usage.set(u);
                    }
                });
    }

    /** Loads up to {@code maxRows} rows of a {@code .npy} or {@code .csv} file in the background. */
    void load(Path path, int maxRows) {
        Objects.requireNonNull(path, "path");
        state.tasks.run(() -> {
            try (DataSource source = DataSource.openFile(path)) {
                return read(source, maxRows, source.describe());
            }
        }, sample -> {
            setData(sample);
            source = path;
            state.statusText.set("Loaded " + sample.description());
            checkDataFits();
        }, state.failure("Cannot read the data rows", path));
    }

    static DataSample read(DataSource source, int maxRows, String what) {
        long n = Math.min(source.rows(), Math.max(1, maxRows));
        if (n < 1) {
            throw new VqException(what + ": no rows");
        }
        float[] values = new float[Math.toIntExact(n * source.dim())];
        int got = 0;
        while (got < n) {
            float[] chunk = new float[(int) (n - got) * source.dim()];
            int rows = source.read(chunk, (int) (n - got));
            if (rows <= 0) {
                break;
            }
            System.arraycopy(chunk, 0, values, got * source.dim(), rows * source.dim());
            got += rows;
        }
        if (got < n) {
            float[] cut = new float[got * source.dim()];
            System.arraycopy(values, 0, cut, 0, cut.length);
            values = cut;
        }
        if (got == 0) {
            throw new VqException(what + ": no rows");
        }
        return new DataSample(values, got, source.dim(), NumberText.grouped(got) + " rows of " + what);
    }

    /** Tells the user when the data rows do not have one value per embedding dimension of the codebooks. */
    void checkDataFits() {
        DataSample d = state.data.get();
        Codebooks cb = state.codebooks.get();
        if (d != null && cb != null && d.dim() != cb.config().embeddingDim()) {
            state.report("The data rows do not fit the codebooks", d.description() + ": rows have " + d.dim()
                    + " values but the codebooks take " + cb.config().embeddingDim() + " (" + cb.config().heads()
                    + " heads × " + cb.config().headDim() + "); the rows are not used.", null);
            state.data.set(null);
            deriveUsage();
        }
    }

    /** The data rows when they fit the codebooks on show, else {@code null}. */
    DataSample fittingData() {
        DataSample d = state.data.get();
        Codebooks cb = state.codebooks.get();
        return d != null && cb != null && d.dim() == cb.config().embeddingDim() ? d : null;
    }
}
