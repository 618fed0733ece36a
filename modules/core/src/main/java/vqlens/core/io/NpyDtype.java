package vqlens.core.io;

/** The element types VQ Lens reads from and writes to {@code .npy} files (numpy names in lower case). */
public enum NpyDtype {
    BOOL(1), INT8(1), UINT8(1), INT16(2), UINT16(2), INT32(4), UINT32(4), INT64(8), FLOAT32(4), FLOAT64(8);

    private final int itemSize;

    NpyDtype(int itemSize) {
        this.itemSize = itemSize;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    /** Signed or unsigned integer ({@code BOOL} is not an integer here). */
    public boolean isInteger() {
        return this != BOOL && !isFloat();
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }
}
