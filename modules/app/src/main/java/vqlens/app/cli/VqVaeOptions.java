package vqlens.app.cli;

import java.util.List;

import picocli.CommandLine.Option;

/** Whether {@code train} learns the quantizer alone or a whole VQ-VAE, and that network's hidden layers. */
final class VqVaeOptions {
    /** The encoder's hidden sizes when {@code --hidden} is not given. */
    private static final List<Integer> DEFAULT_HIDDEN = List.of(256, 128);

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "quantizer", description = "quantizer or vqvae (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--hidden", paramLabel = "N,N", split = ",", description = "VQ-VAE encoder hidden sizes, decoder mirrored (default: 256,128; --dim is then the latent width)")
    List<Integer> hidden;

    /** {@code --mode vqvae}, in any case. */
    boolean vqvae() {
        return mode.equalsIgnoreCase("vqvae");
    }

    /** {@code --mode} names one of the two modes. */
    boolean known() {
        return vqvae() || mode.equalsIgnoreCase("quantizer");
    }

    /** The encoder's hidden sizes, given or default. */
    List<Integer> hiddenSizes() {
        return hidden != null ? List.copyOf(hidden) : DEFAULT_HIDDEN;
    }
}
