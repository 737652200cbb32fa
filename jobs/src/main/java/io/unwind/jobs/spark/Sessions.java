package io.unwind.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session every unwind job runs in.
 *
 * <p>Settings that the output contract depends on are fixed here, not left to the cluster:
 * dynamic partition overwrite (a rerun replaces only its own run's partitions) and zstd Parquet.
 * Local sessions also turn the UI off and size shuffles for a small machine.
 */
public final class Sessions {
  /** Spark's own system property: present when spark-submit launched the JVM. */
  public static final String MASTER_PROPERTY = "spark.master";

  private Sessions() {
  }

  /**
   * The master to use: the explicit one, else none when spark-submit set {@code spark.master},
   * else {@code local[*]}.
   *
   * @param explicit the {@code --master} option, or null
   * @return the master URL to set, or null to leave Spark's own
   */
  public static String resolveMaster(String explicit) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    return System.getProperty(MASTER_PROPERTY) == null ? "local[*]" : null;
  }

  /**
   * Builds (or joins, when one is already running in this JVM) the session.
   *
   * @param appName the application name shown by the cluster
   * @param master the master URL, or null to keep what spark-submit set
   * @return the session
   */
  public static SparkSession create(String appName, String master) {
    if (SparkSession.getDefaultSession().isDefined()) {
      // run = simulate + aggregate in one JVM: the second job joins the first one's session.
      return SparkSession.getDefaultSession().get();
    }
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    }
    String effectiveMaster = conf.get("spark.master", "local[*]");
    boolean local = effectiveMaster.startsWith("local");
    conf.set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    conf.set("spark.sql.parquet.compression.codec", "zstd");
    // Parquet writes page CRCs; readers check them only when asked. A flipped byte then fails
    // the read naming the file instead of entering a statistic.
    conf.set("spark.hadoop.parquet.page.verify-checksum.enabled", "true");
    // Partition values are ids and names: never let "2024" become an integer column.
    conf.set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
    // Spark's default Java serialisation, not Kryo: the scenario and kernel results are Java
    // records, which Spark's Kryo cannot build (no field offsets on record classes).
    if (local) {
      int cores = Runtime.getRuntime().availableProcessors();
      conf.set("spark.ui.enabled", "false");
      // Summary and table shuffles are small; Spark's default of 200 tasks is pure overhead here.
      conf.setIfMissing("spark.sql.shuffle.partitions", Integer.toString(Math.max(2, 2 * cores)));
      // Progress of running tasks reaches the driver with executor heartbeats.
      conf.setIfMissing("spark.executor.heartbeatInterval", "2s");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** Stops the session of this JVM, if one was started. */
  public static void stopActive() {
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
  }
}
