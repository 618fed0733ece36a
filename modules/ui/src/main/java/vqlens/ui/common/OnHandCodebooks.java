package vqlens.ui.common;

import java.util.Objects;
import vqlens.core.Codebooks;

/**
 * Codebooks the window has on hand for another feature to use: the one open in the inspector, the one being
 * trained. The shell gathers them, so no feature imports another.
 *
 * @param name      what the learner sees, e.g. "open in the inspector: cb.npz"
 * @param codebooks an immutable copy
 */
public record OnHandCodebooks(String name, Codebooks codebooks) {
    public OnHandCodebooks {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codebooks, "codebooks");
    }
}
