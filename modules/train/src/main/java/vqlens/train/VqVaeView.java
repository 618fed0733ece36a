package vqlens.train;

import java.util.Objects;

/**
 * What the full VQ-VAE mode shows as pictures, part of a {@link TrainingSnapshot}: a few fixed inputs with
 * their reconstructions, and per head and code the decoded image of that code. Plain float arrays (no ND4J),
 * immutable: the accessors return copies, so read one image at a time with {@link #sampleInput},
 * {@link #reconstruction} and {@link #codeImage}. Safe to read on any thread.
 *
 * <p><b>Images.</b> Every image is {@code width × height} values, row-major, as the decoder outputs them (for
 * the built-in {@code shapes} set: 16 × 16, ink ≈ 1 on background ≈ 0; values may leave {@code [0, 1]}). The
 * data width is read as a square image when it is a perfect square, else as one row of {@code width × 1}.
 *
 * <p><b>Samples.</b> The first {@link #samples()} rows of the data (at most {@value #MAX_SAMPLES}), the same
 * rows in every snapshot of a run; a reconstruction is {@code dec(q(enc(x)))}: encoder, nearest code per head,
 * decoder. {@link #sampleCodes()} holds each sample's codes, {@code [samples, heads]}.
 *
 * <p><b>Code images.</b> The decoded image of code {@code k} of head {@code h} is the decoder's output for the
 * latent of the reference input (sample 0) with head {@code h}'s slot replaced by code {@code k} and every
 * other head keeping the reference's code: a decoder mixes all heads, so a code alone has no image, and this
 * shows what changing that one head's index does to a real input (the same as
 * {@link Trainer#decode(int[])} with those indices). When heads × codes × pixels exceeds
 * {@value #MAX_CODE_IMAGE_VALUES} values (16 MB) the view carries no code images ({@link #hasCodeImages()}
 * is false); {@link Trainer#decode(int[])} still decodes any code on demand.
 *
 * @param step          the training step these pictures were made at
 * @param width         image width in values
 * @param height        image height in values ({@code width × height} = the data width)
 * @param samples       number of sample inputs
 * @param heads         heads of the quantizer
 * @param codes         codes per head
 * @param inputs        {@code [samples, width·height]} the sample inputs
 * @param reconstructions {@code [samples, width·height]} their reconstructions
 * @param sampleCodes   {@code [samples, heads]} each sample's nearest code per head
 * @param latents       {@code [samples, latent width]} the encoder's outputs {@code z_e} of the samples (what the
 *                      quantizer sees), or empty when not kept
 * @param codeImages    {@code [heads, codes, width·height]} the decoded image of every code, or empty
 */
public record VqVaeView(long step, int width, int height, int samples, int heads, int codes, float[] inputs,
                        float[] reconstructions, int[] sampleCodes, float[] codeImages, float[] latents) {

    /** Most sample inputs a view carries. */
    public static final int MAX_SAMPLES = 8;
    /** Most values of code images a view carries. */
    public static final int MAX_CODE_IMAGE_VALUES = 1 << 22;

    public VqVaeView {
        if (width < 1 || height < 1 || samples < 1 || samples > MAX_SAMPLES || heads < 1 || codes < 1) {
            throw new IllegalArgumentException("VQ-VAE view of " + width + " x " + height + ", " + samples + " samples, "
                    + heads + " heads x " + codes + " codes");
        }
        int pixels = width * height;
        inputs = sized(inputs, (long) samples * pixels, "inputs");
        reconstructions = sized(reconstructions, (long) samples * pixels, "reconstructions");
        sampleCodes = Objects.requireNonNull(sampleCodes, "sampleCodes").clone();
        if (sampleCodes.length != samples * heads) {
            throw new IllegalArgumentException("sampleCodes has " + sampleCodes.length + " values, expected " + samples * heads);
        }
        codeImages = Objects.requireNonNull(codeImages, "codeImages").length == 0 ? codeImages
                : sized(codeImages, (long) heads * codes * pixels, "codeImages");
        latents = Objects.requireNonNull(latents, "latents").clone();
        if (latents.length % samples != 0) {
            throw new IllegalArgumentException("latents has " + latents.length + " values for " + samples + " samples");
        }
    }

    /** A view without the encoder's outputs. */
    public VqVaeView(long step, int width, int height, int samples, int heads, int codes, float[] inputs,
                     float[] reconstructions, int[] sampleCodes, float[] codeImages) {
        this(step, width, height, samples, heads, codes, inputs, reconstructions, sampleCodes, codeImages, new float[0]);
    }

    /** The encoder's outputs {@code z_e}, {@code [samples, latent width]} row-major; empty when not kept. */
    @Override
    public float[] latents() {
        return latents.clone();
    }

    /** Whether {@link #codeImage} can answer (false for very large codebooks, see the class comment). */
    public boolean hasCodeImages() {
        return codeImages.length > 0;
    }

    private static float[] sized(float[] values, long expected, String name) {
        Objects.requireNonNull(values, name);
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected " + expected);
        }
        return values.clone();
    }

    /** Values in one image. */
    public int pixels() {
        return width * height;
    }

    /** The sample input {@code i}, {@code width·height} values. */
    public float[] sampleInput(int i) {
        return image(inputs, Objects.checkIndex(i, samples));
    }

    /** The reconstruction of sample {@code i}. */
    public float[] reconstruction(int i) {
        return image(reconstructions, Objects.checkIndex(i, samples));
    }

    /** Sample {@code i}'s nearest code in {@code head}. */
    public int sampleCode(int i, int head) {
        return sampleCodes[Objects.checkIndex(i, samples) * heads + Objects.checkIndex(head, heads)];
    }

    /** The decoded image of code {@code code} of head {@code head} (see the class comment). */
    public float[] codeImage(int head, int code) {
        if (!hasCodeImages()) {
            throw new IllegalStateException("this view has no code images: " + heads + " x " + codes + " codes of "
                    + pixels() + " values exceed " + MAX_CODE_IMAGE_VALUES + "; use Trainer.decode");
        }
        return image(codeImages, Objects.checkIndex(head, heads) * codes + Objects.checkIndex(code, codes));
    }

    /** Mean squared difference per value between the samples and their reconstructions. */
    public double sampleMse() {
        double sum = 0;
        for (int i = 0; i < inputs.length; i++) {
            double d = inputs[i] - reconstructions[i];
            sum += d * d;
        }
        return sum / inputs.length;
    }

    private float[] image(float[] all, int index) {
        float[] out = new float[pixels()];
        System.arraycopy(all, index * pixels(), out, 0, pixels());
        return out;
    }

    @Override
    public float[] inputs() {
        return inputs.clone();
    }

    @Override
    public float[] reconstructions() {
        return reconstructions.clone();
    }

    @Override
    public int[] sampleCodes() {
        return sampleCodes.clone();
    }

    @Override
    public float[] codeImages() {
        return codeImages.clone();
    }

    /** The image shape for a data width: a square when it is a perfect square, else one row. */
    public static int[] shapeOf(int dataWidth) {
        int side = (int) Math.round(Math.sqrt(dataWidth));
        return side * side == dataWidth ? new int[] {side, side} : new int[] {dataWidth, 1};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VqVaeView v && step == v.step && width == v.width && height == v.height
                && samples == v.samples && heads == v.heads && codes == v.codes
                && java.util.Arrays.equals(inputs, v.inputs) && java.util.Arrays.equals(reconstructions, v.reconstructions)
                && java.util.Arrays.equals(sampleCodes, v.sampleCodes) && java.util.Arrays.equals(codeImages, v.codeImages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(step, width, height, samples, heads, codes, java.util.Arrays.hashCode(reconstructions));
    }

    @Override
    public String toString() {
        return "VqVaeView[step " + step + ", " + samples + " samples of " + width + " x " + height + ", " + heads + " x "
                + codes + " code images]";
    }
}
