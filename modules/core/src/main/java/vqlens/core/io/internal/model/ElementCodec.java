package vqlens.core.io.internal.model;

import java.nio.ByteBuffer;

/**
 * One element to and from bytes. Reading widens every readable type to double (F16, BF16 and F32 exactly);
 * writing a float32 into F16 or BF16 rounds to nearest, ties to even, as PyTorch's {@code .half()} and
 * {@code .bfloat16()} do; a finite value too large for the type becomes an infinity, which the caller refuses.
 */
public final class ElementCodec {
    private ElementCodec() {
    }

    /** The element at byte {@code at} of {@code buffer} (whose order is the tensor's). */
    public static double read(ByteBuffer buffer, int at, ElementType type) {
        return switch (type) {
            case F32 -> buffer.getFloat(at);
            case F64 -> buffer.getDouble(at);
            case F16 -> halfToFloat(buffer.getShort(at));
            case BF16 -> Float.intBitsToFloat((buffer.getShort(at) & 0xffff) << 16);
            case I64 -> buffer.getLong(at);
            case I32 -> buffer.getInt(at);
            case I16 -> buffer.getShort(at);
            case U64 -> buffer.getLong(at); // only ever tested against zero
            case U32 -> buffer.getInt(at) & 0xffffffffL;
            case U16 -> buffer.getShort(at) & 0xffff;
            case I8 -> buffer.get(at);
            case U8, BOOL -> buffer.get(at) & 0xff;
            case OTHER -> throw new IllegalStateException("unreadable element type");
        };
    }

    /** Writes {@code value} as {@code type} at byte {@code at}; integers and bools take its rounded value. */
    public static void write(ByteBuffer buffer, int at, ElementType type, float value) {
        switch (type) {
            case F32 -> buffer.putFloat(at, value);
            case F64 -> buffer.putDouble(at, value);
            case F16 -> buffer.putShort(at, floatToHalf(value));
            case BF16 -> buffer.putShort(at, floatToBfloat16(value));
            case I64, U64 -> buffer.putLong(at, Math.round((double) value));
            case I32, U32 -> buffer.putInt(at, (int) Math.round((double) value));
            case I16, U16 -> buffer.putShort(at, (short) Math.round(value));
            case I8, U8 -> buffer.put(at, (byte) Math.round(value));
            case BOOL -> buffer.put(at, (byte) (value != 0 ? 1 : 0));
            case OTHER -> throw new IllegalStateException("unwritable element type");
        }
    }

    /** What {@code value} becomes when stored as {@code type} and read back. */
    public static float stored(float value, ElementType type) {
        return switch (type) {
            case F32, F64 -> value;
            case F16 -> halfToFloat(floatToHalf(value));
            case BF16 -> Float.intBitsToFloat((floatToBfloat16(value) & 0xffff) << 16);
            default -> throw new IllegalStateException("not a float type: " + type);
        };
    }

    /** IEEE 754 binary16 to float32, exactly (every half value is a float); NaN payloads are kept. */
    public static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // zero or subnormal
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mantissa << 13); // infinity or NaN
        }
        return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | mantissa << 13);
    }

    /** float32 to binary16, round to nearest even; too large a finite value gives an infinity. */
    public static short floatToHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 | mantissa >>> 13 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) { // a half subnormal (or zero): value = m * 2^-24
            int full = mantissa | (exponent == 0 ? 0 : 0x800000);
            int shift = 14 - e + (exponent == 0 ? -1 : 0);
            if (shift > 24) {
                return (short) sign;
            }
            int m = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rest > half || rest == half && (m & 1) == 1) {
                m++;
            }
            return (short) (sign | m);
        }
        int m = mantissa >>> 13;
        int rest = mantissa & 0x1fff;
        int result = e << 10 | m;
        if (rest > 0x1000 || rest == 0x1000 && (m & 1) == 1) {
            result++; // may carry into the exponent, up to infinity
        }
        return (short) (sign | result);
    }

    /** float32 to bfloat16, round to nearest even; NaN stays a (quiet) NaN. */
    public static short floatToBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if ((bits & 0x7f800000) == 0x7f800000 && (bits & 0x7fffff) != 0) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
    }
}
