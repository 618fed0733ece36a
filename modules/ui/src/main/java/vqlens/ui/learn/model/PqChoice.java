package vqlens.ui.learn.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import vqlens.core.VqException;

/**
 * One way to spend {@code bits} per patch: {@code heads} heads (dividing the patch's 48 values) with
 * {@code 2^(bits/heads)} codes each, whole bits per head. Stored codes {@code H·K}, addressable patches {@code K^H}.
 */
public record PqChoice(int bits, int heads) {

    public PqChoice {
        if (heads < 1 || ImagePatches.DIM % heads != 0 || bits < 1 || bits % heads != 0) {
            throw new VqException(heads + " heads at " + bits + " bits: heads must divide " + ImagePatches.DIM
                    + " and the bits, for whole bits per head");
        }
        if (bits / heads > RateDistortion.MAX_BITS_PER_HEAD) {
            throw new VqException("at most " + RateDistortion.MAX_BITS_PER_HEAD + " bits per head (4,096 codes)");
        }
    }

    /** Every choice at {@code bits}: the heads that divide both 48 and the bits, fewest heads first. */
    public static List<PqChoice> all(int bits) {
        List<PqChoice> out = new ArrayList<>();
        for (int h = 1; h <= ImagePatches.DIM; h++) {
            if (ImagePatches.DIM % h == 0 && bits % h == 0 && bits / h <= RateDistortion.MAX_BITS_PER_HEAD) {
                out.add(new PqChoice(bits, h));
            }
        }
        return out;
    }

    /** Codes per head, K. */
    public int codes() {
        return 1 << (bits / heads);
    }

    /** Values per head, 48 / H. */
    public int headDim() {
        return ImagePatches.DIM / heads;
    }

    /** Codes kept in the codebooks, H·K. */
    public int storedCodes() {
        return heads * codes();
    }

    /** Different patches the codebooks can reproduce, K^H = 2^bits. */
    public BigInteger combinations() {
        return BigInteger.valueOf(codes()).pow(heads);
    }

    /** Bits per pixel: the patch's bits over its 16 pixels. */
    public double bitsPerPixel() {
        return (double) bits / ImagePatches.PIXELS;
    }

    /** "4 × 4" (heads × codes). */
    public String label() {
        return heads + " × " + codes();
    }
}
