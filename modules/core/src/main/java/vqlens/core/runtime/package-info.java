/** What the numerics run on (backend, BLAS, threads), and the one place that sets thread counts. */
package vqlens.core.runtime;
