/**
 * The end-to-end benchmark behind {@code unwind bench}: in one JVM it times the path kernel alone
 * on plain Java threads and the real Spark simulate job on the same cores, alternately, and
 * reports Spark and Parquet's overhead over the kernel; a checksum of the rows Spark wrote proves
 * both timed the same work.
 *
 * <p>The package knows nothing of the command line: {@code cli.BenchCommand} parses and checks
 * the options and hands a {@link io.unwind.jobs.bench.SparkOverhead.Plan} here. Timing lives
 * here, never in tests (STYLE: timing belongs in benchmarks).
 */
package io.unwind.jobs.bench;
