/**
 * The aggregate job: reads a complete run's {@code paths} and writes its {@code summary}, merging
 * per-partition accumulators of {@code common}'s estimators on the driver.
 */
package io.unwind.jobs.aggregate;
