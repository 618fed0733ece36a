package vqlens.core.io.internal.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import vqlens.core.io.CodebookCandidate;

/**
 * Which tensors of a model file are codebooks, by the names the libraries give them, and which one an automatic
 * choice takes. A key is the tensor's path: nesting levels of a checkpoint joined with {@code /}, the module path
 * inside a level kept with its dots ({@code state_dict/quantize.embedding.weight}).
 *
 * <ul>
 * <li>the reference module: {@code codebooks} {@code [H,K,D]} (or {@code [K,D]}), flag {@code inited} beside it;</li>
 * <li>vector-quantize-pytorch: {@code …_codebook.embed} {@code [num_codebooks,K,D]} (older releases
 * {@code [K,D]}), flag {@code initted}, EMA usage {@code cluster_size}; a {@code ResidualVQ} has one per level
 * ({@code layers.N._codebook.embed});</li>
 * <li>{@code nn.Embedding} quantizers: {@code ….embedding.weight}, {@code ….embed.weight}, {@code ….codebook.weight}
 * {@code [K,D]} under a name that says quantizer (taming-transformers' {@code quantize.embedding.weight}); a
 * transformer's token {@code embed.weight} is not one;</li>
 * <li>a FAISS index's product quantizer: {@code pq.centroids} {@code [M, ksub, dsub]} (with a prefix inside a wrapper:
 * {@code index.pq.centroids}); an IndexIVFPQR's {@code refine_pq.centroids} only by key;</li>
 * <li>failing all of those, the only 3-D float tensor.</li>
 * </ul>
 * Optimizer states ({@code exp_avg}, {@code exp_avg_sq}, anything under an {@code optimizer…} level) and
 * vector-quantize-pytorch's {@code embed_avg} are never candidates, though a Lightning file holds them in the
 * codebook's exact shape; EMA copies of a model ({@code ema}, {@code model_ema}, …) are candidates that an
 * automatic choice takes only when nothing else is one. An automatic choice needs exactly one candidate; with
 * several, they are offered best first: names saying quantize/quantizer/codebook/vq, then other names, then EMA
 * copies.
 */
public final class CodebookRules {
    private static final Pattern VQ_PYTORCH = Pattern.compile("(?:^|\\.)_codebook\\.embed$");
    private static final Pattern RESIDUAL_LEVEL = Pattern.compile("(?:^|\\.)layers\\.(\\d+)\\._codebook\\.embed$");
    /** GroupedResidualVQ: one ResidualVQ per group of dimensions, {@code rvqs.G.layers.L._codebook.embed}. */
    private static final Pattern GROUPED_LEVEL = Pattern.compile("(?:^|\\.)rvqs\\.(\\d+)\\.layers\\.(\\d+)\\._codebook\\.embed$");
    private static final Pattern EMBEDDING = Pattern.compile("(?:^|\\.)[A-Za-z0-9_]*(?:embed|embedding|codebook)\\.weight$");
    private static final String FALLBACK = "the only 3-D float tensor";

    private CodebookRules() {
    }

    /** A candidate and how strongly it is preferred (lower first). */
    public record Match(StoredTensor tensor, CodebookCandidate candidate, int tier) {
    }

    /** The candidates among {@code tensors}, best first (ties in file order). */
    public static List<Match> candidates(List<StoredTensor> tensors) {
        List<Match> named = new ArrayList<>();
        for (StoredTensor t : tensors) {
            String reason = t.type().isFloat() ? reasonFor(t) : null;
            if (reason != null && !neverChosen(t.key())) {
                named.add(match(t, reason));
            }
        }
        if (named.isEmpty()) {
            List<StoredTensor> rank3 = tensors.stream()
                    .filter(t -> t.type().isFloat() && t.rank() == 3 && !neverChosen(t.key())).toList();
            if (rank3.size() == 1) {
                named.add(match(rank3.get(0), FALLBACK));
            }
        }
        boolean onlyEmaCopies = named.stream().allMatch(m -> isEmaCopy(m.tensor().key()));
        List<Match> ranked = new ArrayList<>();
        for (Match m : named) {
            boolean automatic = onlyEmaCopies || !isEmaCopy(m.tensor().key());
            CodebookCandidate c = m.candidate();
            ranked.add(new Match(m.tensor(), new CodebookCandidate(c.key(), c.shape(), c.dtype(), c.reason(), automatic), m.tier()));
        }
        ranked.sort(Comparator.comparingInt(Match::tier));
        return ranked;
    }

    /**
     * The candidate an automatic choice takes: the only automatic one, or {@code null} when there is none or several
     * (the caller asks for a key, offering them best first).
     */
    public static Match automaticChoice(List<Match> ranked) {
        List<Match> automatic = ranked.stream().filter(m -> m.candidate().automatic()).toList();
        return automatic.size() == 1 ? automatic.get(0) : null;
    }

    /** The candidates' keys in file order. */
    public static List<String> keysInFileOrder(List<StoredTensor> tensors, List<Match> ranked) {
        Set<String> keys = new HashSet<>();
        ranked.forEach(m -> keys.add(m.candidate().key()));
        return tensors.stream().map(StoredTensor::key).filter(keys::contains).toList();
    }

    private static Match match(StoredTensor t, String reason) {
        int tier = (saysQuantizer(t.key()) ? 0 : 1) + (isEmaCopy(t.key()) ? 2 : 0);
        String shown = isEmaCopy(t.key()) ? reason + ", in an EMA copy of the model" : reason;
        List<Long> shape = new ArrayList<>();
        for (long d : t.shape()) {
            shape.add(d);
        }
        return new Match(t, new CodebookCandidate(t.key(), shape, t.dtype(), shown, true), tier);
    }

    /** The rule that names {@code t} as codebooks, or {@code null}. */
    private static String reasonFor(StoredTensor t) {
        String name = dotted(t.key());
        int rank = t.rank();
        if ((name.equals("codebooks") || name.endsWith(".codebooks")) && (rank == 2 || rank == 3)) {
            return "the reference module's codebooks (codebooks, with inited)";
        }
        if ((name.equals("pq.centroids") || name.endsWith(".pq.centroids")) && rank == 3) {
            return "FAISS product quantizer centroids (pq.centroids [M, ksub, dsub])";
        }
        if (VQ_PYTORCH.matcher(name).find() && (rank == 2 || rank == 3)) {
            Matcher grouped = GROUPED_LEVEL.matcher(name);
            if (grouped.find()) {
                return "vector-quantize-pytorch GroupedResidualVQ group " + grouped.group(1) + ", level " + grouped.group(2)
                        + " (rvqs.G.layers.L._codebook.embed)";
            }
            Matcher level = RESIDUAL_LEVEL.matcher(name);
            return level.find() ? "vector-quantize-pytorch ResidualVQ level " + level.group(1) + " (layers.N._codebook.embed)"
                    : "vector-quantize-pytorch codebook (_codebook.embed [num_codebooks, codes, dim])";
        }
        if (rank == 2 && EMBEDDING.matcher(name).find() && saysQuantizer(name.substring(0, name.length() - ".weight".length()))) {
            return "nn.Embedding quantizer (" + name.substring(name.lastIndexOf('.', name.length() - ".weight".length() - 1) + 1)
                    + " [codes, dim], one head)";
        }
        return null;
    }

    /** Whether {@code key} is vector-quantize-pytorch's codebook, {@code …_codebook.embed} (its EMA sums lie beside it). */
    public static boolean isVqPytorchEmbed(String key) {
        return VQ_PYTORCH.matcher(dotted(key)).find();
    }

    /** The module path of the innermost level: {@code state_dict/vq.embed} → {@code vq.embed}. */
    static String dotted(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    /** Whether a name says quantizer: a part with quantiz… or codebook, or a {@code vq} word ({@code _vq_vae}, {@code vq2}). */
    static boolean saysQuantizer(String key) {
        for (String part : parts(key)) {
            if (part.contains("quantiz") || part.contains("codebook")) {
                return true;
            }
            for (String word : part.split("_")) {
                if (word.matches("vq\\d*")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Optimizer states and EMA sums: never codebooks. */
    static boolean neverChosen(String key) {
        String[] levels = key.split("/");
        for (int i = 0; i < levels.length - 1; i++) {
            if (levels[i].toLowerCase(Locale.ROOT).contains("optim")) {
                return true;
            }
        }
        for (String part : parts(key)) {
            if (part.equals("exp_avg") || part.equals("exp_avg_sq") || part.equals("embed_avg") || part.equals("momentum_buffer")) {
                return true;
            }
        }
        return false;
    }

    /** A level or module named as an EMA copy of the model: {@code ema}, {@code model_ema}, {@code ema_model}, … */
    static boolean isEmaCopy(String key) {
        for (String part : parts(key)) {
            for (String word : part.split("_")) {
                if (word.equals("ema")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Lower-case levels and module names of a key. */
    private static List<String> parts(String key) {
        List<String> parts = new ArrayList<>();
        for (String level : key.toLowerCase(Locale.ROOT).split("/")) {
            parts.addAll(List.of(level.split("\\.")));
        }
        return parts;
    }

    /**
     * The prefix beside which a codebook's flag and usage live: {@code vq._codebook.embed} → {@code vq._codebook.},
     * {@code state_dict/codebooks} → {@code state_dict/}.
     */
    public static String siblingPrefix(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return key.substring(0, Math.max(slash, dot) + 1);
    }

    /** The flag names beside a codebook: the reference module's {@code inited}, vector-quantize-pytorch's {@code initted}. */
    public static List<String> flagKeys(String key) {
        String prefix = siblingPrefix(key);
        return List.of(prefix + "inited", prefix + "initted");
    }
}
