/**
 * The computations behind the inspector's 2-D view, code detail and quick encode/decode, without JavaFX:
 * the exact Voronoi cells of 2-D codes come from core ({@link vqlens.core.geometry.VoronoiCells}); the PCA projection of
 * wider heads ({@link vqlens.ui.inspect.geometry.PrincipalComponents},
 * {@link vqlens.ui.inspect.geometry.HeadProjection}), everything the 2-D view draws for a head
 * ({@link vqlens.ui.inspect.geometry.ProjectionFrame}), nearest codes and rows
 * ({@link vqlens.ui.inspect.geometry.Neighbours}), encoding one row per head
 * ({@link vqlens.ui.inspect.geometry.QuickCodec}) and recognising rows that are small images
 * ({@link vqlens.ui.inspect.geometry.ImageLayout}). Everything here is a pure function of immutable inputs,
 * computed in double precision; callers may use it from any thread.
 */
package vqlens.ui.inspect.geometry;
