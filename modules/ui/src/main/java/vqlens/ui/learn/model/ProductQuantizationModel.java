package vqlens.ui.learn.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import vqlens.core.VqException;

/**
 * Lesson 5, "product quantization: why heads": a photo's 4 × 4 × 3 patches compressed at equal bits per patch by one
 * codebook (1 head × 2^b codes) and by a product quantizer (H heads × 2^(b/H) codes), and the rate–distortion chart
 * over every choice. The work itself ({@link RateDistortion}: the trainer's k-means, core's encoder and decoder) runs
 * in the background from a {@link Job}, an immutable description of it; its results come back through
 * {@link #accept} and are kept per photo and seed, so a photo seen before shows at once.
 */
public final class ProductQuantizationModel extends LessonModel {
    /** The bit budgets per patch the lesson offers (16 pixels each: 0.25 to 0.75 bits per pixel). */
    public static final List<Integer> BUDGETS = List.of(4, 6, 8, 12);
    public static final int START_BITS = 8;
    public static final int START_HEADS = 4;
    static final long START_SEED = 5;
    /** Patches a photo needs at least: one per code of the largest codebook (1 head × 4,096). */
    public static final int MIN_PATCHES = 1 << RateDistortion.MAX_BITS_PER_HEAD;
    /** The seed module: 4 heads × 256 codes × 96 dims. */
    public static final int SEED_HEADS = 4;
    public static final int SEED_CODES = 256;
    public static final int SEED_DIMS = 96;

    private final Map<String, LessonImage> bundled = new HashMap<>();
    private final Map<String, Map<PqChoice, PqResult>> cache = new HashMap<>();
    private LessonImage image;
    private ImagePatches patches;
    private String imageKey;
    private int bits;
    private int heads;
    private long seed;
    private String problem = "";
    private LessonImage own;
    private String ownKey;

    /** What one background run computes: which choices, on which photo's patches, from which seed. */
    public record Job(String key, ImagePatches patches, long seed, List<PqChoice> choices) {
        public Job {
            choices = List.copyOf(choices);
        }

        /** Runs it (the background's part); see {@link RateDistortion#run}. */
        public List<PqResult> run(Consumer<PqResult> each, DoubleConsumer progress, BooleanSupplier cancelled) {
            return RateDistortion.run(patches, choices, seed, each, progress, cancelled);
        }
    }

    public ProductQuantizationModel() {
        task("At 8 bits per patch, set 2 heads × 16 codes and compare its PSNR with 1 head × 256 codes.",
                () -> bits == 8 && heads == 2 && result(single()) != null && result(product()) != null);
        task("At 12 bits, take 4 heads × 8 codes: 32 stored codes address as many patches (4,096) as one book"
                + " of 4,096 codes.", () -> bits == 12 && heads == 4 && result(product()) != null);
        task("Find a product quantizer that beats 1 head × 256 codes while storing fewer codes (plot the chart"
                + " against stored codes).", () -> {
                    PqResult one = result(new PqChoice(8, 1));
                    PqResult shown = result(product());
                    return one != null && shown != null && shown.choice().storedCodes() < one.choice().storedCodes()
                            && shown.psnr() > one.psnr();
                });
        task("Compute the whole rate–distortion chart, then open the flower: each photo's chart is kept.",
                () -> chartComplete() && LessonImage.FLOWER.equals(image.name())
                        && cache.getOrDefault(key(LessonImage.CHINA), Map.of()).size() == chartChoices().size());
        restart();
        changed();
    }

    @Override
    protected void restart() {
        bits = START_BITS;
        heads = START_HEADS;
        seed = START_SEED;
        problem = "";
        show(bundledImage(LessonImage.CHINA), LessonImage.CHINA);
    }

    private LessonImage bundledImage(String name) {
        return bundled.computeIfAbsent(name, LessonImage::bundled);
    }

    private void show(LessonImage value, String cacheName) {
        image = value;
        patches = ImagePatches.of(value);
        imageKey = cacheName;
    }

    private String key(String cacheName) {
        return cacheName + "@" + seed;
    }

    private Map<PqChoice, PqResult> shown() {
        return cache.computeIfAbsent(key(imageKey), k -> new LinkedHashMap<>());
    }

    @Override
    public long seed() {
        return seed;
    }

    // ------------------------------------------------------------------ what the view shows

    public LessonImage image() {
        return image;
    }

    public ImagePatches patches() {
        return patches;
    }

    public int bits() {
        return bits;
    }

    public int heads() {
        return heads;
    }

    /** The single codebook at the budget: 1 head × 2^b codes. */
    public PqChoice single() {
        return new PqChoice(bits, 1);
    }

    /** The product quantizer on show: H heads × 2^(b/H) codes. */
    public PqChoice product() {
        return new PqChoice(bits, heads);
    }

    /** The heads a product quantizer may have at the budget (more than one, dividing 48 and the bits). */
    public List<Integer> headChoices() {
        return PqChoice.all(bits).stream().map(PqChoice::heads).filter(h -> h > 1).toList();
    }

    /** Every choice at every budget: the chart's points. */
    public static List<PqChoice> chartChoices() {
        List<PqChoice> all = new ArrayList<>();
        for (int b : BUDGETS) {
            all.addAll(PqChoice.all(b));
        }
        return all;
    }

    /** The result for {@code c} on this photo and seed, or {@code null} while not computed. */
    public PqResult result(PqChoice c) {
        return shown().get(c);
    }

    /** The results on this photo and seed, in the chart's order. */
    public List<PqResult> results() {
        return chartChoices().stream().map(shown()::get).filter(r -> r != null).toList();
    }

    public boolean chartComplete() {
        return shown().size() == chartChoices().size();
    }

    /** The last refused input, one line; empty when none. */
    public String problem() {
        return problem;
    }

    // ------------------------------------------------------------------ background work

    /** The pair on show, where not yet computed; {@code null} when both are there. */
    public Job pairJob() {
        return job(List.of(single(), product()));
    }

    /** Everything the chart still lacks, the pair on show first; {@code null} when complete. */
    public Job chartJob() {
        List<PqChoice> order = new ArrayList<>(List.of(single(), product()));
        order.addAll(chartChoices());
        return job(order);
    }

    private Job job(List<PqChoice> wanted) {
        List<PqChoice> missing = wanted.stream().distinct().filter(c -> result(c) == null).toList();
        return missing.isEmpty() ? null : new Job(key(imageKey), patches, seed, missing);
    }

    /** A result of {@code job} (on the lesson's thread): kept for its photo and seed, shown if they are on show. */
    public void accept(Job job, PqResult result) {
        cache.computeIfAbsent(job.key(), k -> new LinkedHashMap<>()).put(result.choice(), result);
        if (job.key().equals(key(imageKey))) {
            changed();
        }
    }

    // ------------------------------------------------------------------ changes

    /** The photos to choose from: the two shipped ones, then the learner's last own image if any. */
    public List<String> photos() {
        return own == null ? List.of(LessonImage.CHINA, LessonImage.FLOWER)
                : List.of(LessonImage.CHINA, LessonImage.FLOWER, own.name());
    }

    /** One of {@link #photos()}: a shipped photo ({@link LessonImage#CHINA}, {@link LessonImage#FLOWER}) or the own one. */
    public void setPhoto(String name) {
        if (own != null && name.equals(own.name()) && !name.equals(LessonImage.CHINA) && !name.equals(LessonImage.FLOWER)) {
            show(own, ownKey);
        } else if (name.equals(LessonImage.CHINA) || name.equals(LessonImage.FLOWER)) {
            show(bundledImage(name), name);
        } else {
            throw new VqException("no photo " + name);
        }
        problem = "";
        changed();
    }

    /** The learner's own photo (opened in the background by {@link LessonImage#open}); refused when too small. */
    public void useImage(LessonImage value) {
        long count = (long) (value.width() / ImagePatches.SIDE) * (value.height() / ImagePatches.SIDE);
        if (count < MIN_PATCHES) {
            refuse(value.name() + ": " + value.width() + " × " + value.height() + " makes " + count
                    + " patches; the 4,096-code book needs at least " + MIN_PATCHES + " (e.g. 256 × 256 pixels)");
            return;
        }
        problem = "";
        own = value;
        ownKey = "own:" + value.name() + ":" + value.width() + "x" + value.height() + ":" + Arrays.hashCode(value.rgb());
        show(own, ownKey);
        changed();
    }

    /** A refused input: said in one line, nothing else changes. */
    public void refuse(String message) {
        problem = message.lines().findFirst().orElse("");
        changed();
    }

    /** A budget of {@link #BUDGETS}; the heads stay if they fit it, else the nearest that do. */
    public void setBits(int value) {
        if (!BUDGETS.contains(value)) {
            throw new VqException("bits per patch: one of " + BUDGETS + ", got " + value);
        }
        bits = value;
        List<Integer> fit = headChoices();
        if (!fit.contains(heads)) {
            int best = fit.get(0);
            for (int h : fit) {
                best = Math.abs(h - heads) < Math.abs(best - heads) ? h : best;
            }
            heads = best;
        }
        problem = "";
        changed();
    }

    public void setHeads(int value) {
        if (!headChoices().contains(value)) {
            throw new VqException(value + " heads at " + bits + " bits: choose one of " + headChoices());
        }
        heads = value;
        problem = "";
        changed();
    }

    public void setSeed(long value) {
        if (value < 0) {
            throw new VqException("seed: 0 or more, got " + value);
        }
        seed = value;
        problem = "";
        changed();
    }
}
