/**
 * JMH benchmarks of the path kernel against the random-number floor and a textbook implementation
 * of the same model; built only by the {@code bench} Maven profile (see BENCHMARKS.md).
 *
 * <p>Every kernel-level benchmark reports path-days per second (one operation = one path-day, via
 * {@code @OperationsPerInvocation}), so ratios between rows of one run are direct.
 */
package io.unwind.bench;
