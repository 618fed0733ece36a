package vqlens.core.io.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types of the safetensors format (its Rust {@code Dtype} enum, in the same order, which is
 * also the writer's alignment order). Every one is understood for validating a file; which can be read as
 * codebooks or flags is {@link vqlens.core.io.internal.model.ElementType}'s (same names).
 */
enum SafetensorsDtype {
    BOOL(8),
    F4(4),
    F6_E2M3(6),
    F6_E3M2(6),
    U8(8),
    I8(8),
    F8_E5M2(8),
    F8_E4M3(8),
    F8_E8M0(8),
    F8_E4M3FNUZ(8),
    F8_E5M2FNUZ(8),
    I16(16),
    U16(16),
    F16(16),
    BF16(16),
    I32(32),
    U32(32),
    F32(32),
    C64(64),
    F64(64),
    I64(64),
    U64(64);

    private final int bits;

    SafetensorsDtype(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    /** Bytes per element; only for whole-byte types. */
    int bytes() {
        return bits / 8;
    }

    static Optional<SafetensorsDtype> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
