/** Helpers of the command line that picocli never sees: output files, JSON, input checks, benchmark data. */
package vqlens.app.cli.internal;
