/**
 * The aggregate job: reads a complete run's {@code paths} and writes its {@code summary} and
 * {@code histograms}. The wiring only: rows become {@code common}'s path outcomes, partitions fold
 * them into {@code io.unwind.summary}'s mergeable statistics, the driver merges and writes.
 */
package io.unwind.jobs.aggregate;
