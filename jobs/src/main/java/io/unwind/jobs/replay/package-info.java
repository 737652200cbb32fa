/**
 * The Spark and text side of {@code unwind replay}: printing the episodes (table or JSON) and
 * writing the replay's paths, events, samples, episodes and runs rows through the same layout and
 * writers as {@code simulate}, so {@code aggregate} summarises a replay run like a simulated one.
 *
 * <p>The kernel runs on the driver ({@link io.unwind.replay.HistoryReplay}): a history is one
 * path, or a few hundred windows; Spark only writes Parquet.
 */
package io.unwind.jobs.replay;
