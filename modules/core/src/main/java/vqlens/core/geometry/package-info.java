/**
 * Plane geometry for the two-dimensional views (the inspector's projections, the Learn tab's plane): boxes,
 * convex polygons and the exact Voronoi cells of a 2-D codebook, whose tie rule is the encoder's (a duplicate
 * code's cell belongs to the lowest index), so a drawn cell is where {@code encode} sends a point.
 */
package vqlens.core.geometry;
