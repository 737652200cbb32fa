/**
 * {@code unwind bench}: the end-to-end benchmark of issue 5. In one JVM it times the path kernel
 * alone on plain Java threads and the real Spark simulate job on the same cores, alternately, and
 * reports Spark and Parquet's overhead over the kernel; a checksum of the rows Spark wrote proves
 * both timed the same work.
 *
 * <p>Timing lives here, never in tests (STYLE: timing belongs in benchmarks).
 */
package io.unwind.jobs.bench;
