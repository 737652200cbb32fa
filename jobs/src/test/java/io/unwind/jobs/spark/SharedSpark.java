package io.unwind.jobs.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The one {@code local[2]} session every integration test in this JVM shares (building a session
 * costs seconds; tests must not stop it). Built through {@link Sessions}, so the tests run with
 * the jobs' own settings.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {
  }

  /** The shared session, built on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session = Sessions.create("unwind-tests", "local[2]");
    }
    return session;
  }
}
