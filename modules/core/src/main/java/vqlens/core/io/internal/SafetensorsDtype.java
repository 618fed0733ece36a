package vqlens.core.io.internal;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types of the safetensors format (its Rust {@code Dtype} enum, in the same order, which is
 * also the writer's alignment order). Every one is understood for validating a file; codebooks can be
 * read from the float types marked {@code codebook}, flags from {@code BOOL} and the integers.
 */
enum SafetensorsDtype {
    BOOL(8, Kind.BOOL),
    F4(4, Kind.OTHER),
    F6_E2M3(6, Kind.OTHER),
    F6_E3M2(6, Kind.OTHER),
    U8(8, Kind.INTEGER),
    I8(8, Kind.INTEGER),
    F8_E5M2(8, Kind.OTHER),
    F8_E4M3(8, Kind.OTHER),
    F8_E8M0(8, Kind.OTHER),
    F8_E4M3FNUZ(8, Kind.OTHER),
    F8_E5M2FNUZ(8, Kind.OTHER),
    I16(16, Kind.INTEGER),
    U16(16, Kind.INTEGER),
    F16(16, Kind.FLOAT),
    BF16(16, Kind.FLOAT),
    I32(32, Kind.INTEGER),
    U32(32, Kind.INTEGER),
    F32(32, Kind.FLOAT),
    C64(64, Kind.OTHER),
    F64(64, Kind.FLOAT),
    I64(64, Kind.INTEGER),
    U64(64, Kind.INTEGER);

    enum Kind { BOOL, INTEGER, FLOAT, OTHER }

    static final String CODEBOOK_TYPES = "F32, F16, BF16, F64";

    private final int bits;
    private final Kind kind;

    SafetensorsDtype(int bits, Kind kind) {
        this.bits = bits;
        this.kind = kind;
    }

    int bits() {
        return bits;
    }

    /** Bytes per element; only for whole-byte types. */
    int bytes() {
        return bits / 8;
    }

    /** Codebooks can be F32, F16, BF16 or F64 (converted to float32). */
    boolean codebook() {
        return kind == Kind.FLOAT;
    }

    /** An {@code inited} flag can be BOOL or any integer (non-zero = true). */
    boolean flag() {
        return kind == Kind.BOOL || kind == Kind.INTEGER;
    }

    static Optional<SafetensorsDtype> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }
}
