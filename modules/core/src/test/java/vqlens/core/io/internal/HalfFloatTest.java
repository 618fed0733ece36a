package vqlens.core.io.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vqlens.core.io.internal.model.ElementCodec;

/** F16 → float32 against the IEEE 754 definition, for all 65536 bit patterns. */
class HalfFloatTest {
    @Test
    void everyHalfValueConvertsExactly() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float got = ElementCodec.halfToFloat((short) bits);
            int exponent = (bits >>> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            double magnitude = exponent == 0 ? mantissa * Math.pow(2, -24)
                    : exponent == 31 ? (mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN)
                    : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
            String where = "bits " + Integer.toHexString(bits);
            if (Double.isNaN(expected)) {
                assertTrue(Float.isNaN(got), where);
                assertEquals(bits & 0x8000, (Float.floatToRawIntBits(got) >>> 16) & 0x8000, where + ": sign kept");
                assertEquals(mantissa, (Float.floatToRawIntBits(got) >>> 13) & 0x3ff, where + ": payload kept");
            } else {
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), where);
            }
        }
    }
}
