package vqlens.core.io.internal.model;

/** Element types of stored tensors, named as safetensors names them (PyTorch's dtypes map onto them). */
public enum ElementType {
    F32(4, true), F16(2, true), BF16(2, true), F64(8, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U64(8, false), U32(4, false), U16(2, false), U8(1, false), BOOL(1, false),
    /** Anything else (complex, 8-bit floats, quantized): listed, never read. */
    OTHER(0, false);

    public static final String CODEBOOK_TYPES = "F32, F16, BF16, F64";

    private final int bytes;
    private final boolean isFloat;

    ElementType(int bytes, boolean isFloat) {
        this.bytes = bytes;
        this.isFloat = isFloat;
    }

    /** Bytes per element (0 for {@link #OTHER}, whose size the file states). */
    public int bytes() {
        return bytes;
    }

    /** Codebooks can be F32, F16, BF16 or F64 (read as float32). */
    public boolean isFloat() {
        return isFloat;
    }

    /** The type of this name (as safetensors and {@link #name()} spell it), {@link #OTHER} if none. */
    public static ElementType named(String name) {
        for (ElementType t : values()) {
            if (t != OTHER && t.name().equals(name)) {
                return t;
            }
        }
        return OTHER;
    }

    /** Bool and the integers: what the reference module's {@code inited} may be. */
    public boolean isIntegerOrBool() {
        return this != OTHER && !isFloat;
    }

    /** A flag ({@code inited}) can be any readable type with one element; non-zero is true. */
    public boolean readable() {
        return this != OTHER;
    }
}
