/**
 * The Parquet side of unwind: explicit table schemas, the one place that maps the kernel's results
 * to rows, and the directory layout of the output root.
 */
package io.unwind.jobs.io;
