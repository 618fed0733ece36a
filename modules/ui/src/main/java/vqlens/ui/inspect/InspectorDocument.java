package vqlens.ui.inspect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import vqlens.core.Codebooks;
import vqlens.core.io.CodebookDocument;
import vqlens.core.io.CodebookFileInfo;
import vqlens.core.io.CodebookFiles;

/**
 * The codebook file behind what is on show: showing newly read codebooks, opening (with the key chosen in a
 * file of several codebooks), saving, and what a save keeps (usage counts, meta). Created once by
 * {@link InspectorViewModel}; changes the view model's state on the FX thread, reading and writing files
 * in the background as {@link InspectorState#tasks}.
 */
final class InspectorDocument {

    private final InspectorState state;
    private final EditHistory history;
    private final DataRows dataRows;
    /** The rows last loaded because they lay beside the file opened (see {@link #rowsBeside}). */
    private Path rowsBesideShown;
    /** Stops following a run before a file replaces it (the follower is made after this class). */
    private final Runnable stopFollowing;
    /** The meta text of the file opened, written back by a save; {@code null} when none. */
    private String meta;

    InspectorDocument(InspectorState state, EditHistory history, DataRows dataRows,
                      Runnable stopFollowing) {
        this.state = state;
        this.history = history;
        this.dataRows = dataRows;
        this.stopFollowing = stopFollowing;
    }

    /** Shows new codebooks (a file just opened): clears the history and counts them as saved. */
    void show(Codebooks newCodebooks, CodeUsage newUsage) {
        state.codebooks.set(Objects.requireNonNull(newCodebooks, "newCodebooks"));
        state.vqvaeView.set(null);
        state.usage.set(InspectorState.fits(newUsage, newCodebooks) ? newUsage : null);
        state.usageIsCounts = state.usage.get() != null;
        state.usageDerived = false;
        history.clear();
        state.keepSelectionInside(newCodebooks.config());
        state.refreshSource();
        dataRows.deriveUsage();
    }

    /** No file behind the codebooks any more (a run is followed). */
    void forget() {
        state.file.set(null);
        state.saveInPlace.set(false);
        state.writeBackSource.set(null);
        meta = null;
        state.key = null;
    }

    void open(Path path, String chosenKey) {
        Objects.requireNonNull(path, "path");
        state.tasks.run(() -> CodebookFiles.describe(path, chosenKey), info -> {
            CodebookDocument document = info.document();
            stopFollowing.run();
            CodeUsage counts = document.usage().map(u -> Usages.fromCounts(u, document.codebooks().config(),
                    "usage saved in the file")).orElse(null);
            show(document.codebooks(), counts);
            meta = document.meta().orElse(null);
            state.key = info.key() != null && info.candidates().size() > 1 ? info.key() : null;
            state.file.set(path);
            state.saveInPlace.set(onlyWhatSaveWrites(info));
            state.writeBackSource.set(info.source().isModelFile() || !state.saveInPlace.get()
                    ? document.source().filter(vqlens.core.io.CodebookSource::patchable).orElse(null) : null);
            state.refreshSource();
            history.refreshFlags();
            state.statusText.set("Opened " + path.getFileName());
            Optional<Path> beside = rowsBeside(path);
            Path shown = dataRows.source();
            if (shown != null && shown.equals(rowsBesideShown) && !beside.equals(Optional.of(shown))) {
                dataRows.setData(null); // the rows of the file opened before, not the user's choice
            }
            dataRows.checkDataFits();
            if (dataRows.fittingData() == null && beside.isPresent()) {
                rowsBesideShown = beside.get();
                dataRows.load(beside.get(), InspectorViewModel.DATA_ROWS);
            }
        }, state.failure("Cannot open the codebook", path));
    }

    /**
     * The data rows a codebook file ships with, by convention beside it: {@code <stem>.rows.npy} or
     * {@code <stem>.rows.csv} (the teaching codebook's blobs), shown when no rows that fit are on show.
     */
    static Optional<Path> rowsBeside(Path codebook) {
        String name = codebook.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        for (String ext : new String[] {".rows.npy", ".rows.csv"}) {
            Path rows = codebook.resolveSibling(stem + ext);
            if (Files.isRegularFile(rows)) {
                return Optional.of(rows);
            }
        }
        return Optional.empty();
    }

    void save(Path path, Runnable then) {
        Objects.requireNonNull(path, "path");
        Codebooks books = state.requireCodebooks();
        CodebookDocument document = document(books);
        int depth = history.depth();
        state.tasks.run(() -> {
            CodebookFiles.save(path, document);
            return path;
        }, saved -> {
            if (!state.following.get()) {
                meta = document.meta().orElse(null); // the file now holds the edits in its meta
                state.file.set(saved);
                state.key = null;
                state.saveInPlace.set(true);
                history.savedAt(depth);
                state.refreshSource();
            }
            state.statusText.set("Saved " + saved.getFileName());
            if (then != null) {
                then.run();
            }
        }, state.failure("Cannot save the codebook", path));
    }

    /**
     * Writes the codebooks on show back into the model file they were read from, or a copy of it at {@code out}
     * (same kind of file), everything else in it unchanged ({@link CodebookFiles#patch}); the summary's warnings go
     * to the status line.
     */
    void writeBack(Path out, Runnable then) {
        Objects.requireNonNull(out, "out");
        vqlens.core.io.CodebookSource source = state.writeBackSource.get();
        if (source == null) {
            throw new IllegalStateException("the codebooks on show were not read from a model file that takes edits");
        }
        CodebookDocument edited = CodebookDocument.of(state.requireCodebooks()).withSource(source);
        int depth = history.depth();
        state.tasks.run(() -> CodebookFiles.patch(edited, out), summary -> {
            if (out.equals(source.file()) && !state.following.get()) {
                history.savedAt(depth);
            }
            String warnings = summary.warnings().isEmpty() ? "" : "; " + String.join("; ", summary.warnings());
            state.statusText.set("Wrote the edit into " + out.getFileName() + " (" + summary.changedCodes() + " code"
                    + (summary.changedCodes() == 1 ? "" : "s") + " changed, everything else as it was)" + warnings);
            if (then != null) {
                then.run();
            }
        }, state.failure("Cannot write the edit back", out));
    }

    /**
     * Whether saving over {@code info}'s file keeps everything it held: not when it has more arrays than the
     * codebooks, {@code inited}, usage and meta (a model's state_dict, a training checkpoint).
     */
    static boolean onlyWhatSaveWrites(CodebookFileInfo info) {
        if (info.source().isModelFile()) {
            return false; // a checkpoint is never rewritten whole: Save asks where to write the codebooks
        }
        Set<String> written = switch (info.format()) {
            case NPZ -> Set.of("codebooks", "inited", "usage", "meta");
            case SAFETENSORS -> Set.of("codebooks", "inited");
            case NPY, CSV -> Set.of();
        };
        return written.containsAll(info.keys());
    }

    /**
     * What a save writes: the codebooks, plus usage counts (not a run's rates; an edited code's count starts at
     * 0) and the meta of the file opened, with the edits since it was saved appended (so it no longer passes
     * for the codebooks as trained).
     */
    private CodebookDocument document(Codebooks books) {
        CodeUsage u = state.usage.get();
        long[] counts = null;
        if (u != null && state.usageIsCounts) {
            double[] values = u.counts();
            counts = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                counts[i] = Math.round(values[i]);
            }
        }
        CodebookDocument plain = CodebookDocument.of(books, counts, meta);
        return meta == null ? plain : plain.withEdits(history.editsSinceSaved());
    }
}
