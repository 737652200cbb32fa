package io.unwind.jobs.cli;

import org.apache.spark.sql.SparkSession;

/** How a command gets its Spark session; tests substitute one that records or refuses. */
@FunctionalInterface
public interface SessionProvider {
  /**
   * The session for a job.
   *
   * @param appName application name
   * @param master the master URL from {@code --master}, or null for the default
   * @return the session
   */
  SparkSession session(String appName, String master);
}
