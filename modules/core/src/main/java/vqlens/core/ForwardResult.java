package vqlens.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link ProductQuantizer#forward} returns, as the reference module's {@code forward} does.
 *
 * @param quantized the forward value {@code z_q = z + (q - z)} in float32, {@code [B, E]}
 * @param indices   the nearest code per head, int64 {@code [B, H]}
 * @param distances squared distances to every code, float32 {@code [B, H, K]}
 */
public record ForwardResult(INDArray quantized, INDArray indices, INDArray distances) {
}
