/**
 * The simulate job: runs the path kernel over every path id inside {@code mapPartitions} and writes
 * the {@code paths}, {@code events}, {@code samples} and {@code runs} tables.
 */
package io.unwind.jobs.simulate;
