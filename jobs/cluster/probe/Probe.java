/**
 * A self-contained Spark application that checks a cluster runs tasks: it writes {@code ROWS} rows
 * whose values depend only on the row id (a SplitMix64 hash), sleeping in each task so that a test
 * has time to kill a worker (partition 0 sleeps eight times as long: a straggler that outlasts the
 * other tasks, for speculative execution), then prints the row count and a content checksum.
 *
 * <p>Usage: {@code Probe OUT_DIR ROWS PARTITIONS SLEEP_MS}. {@code test-cluster.sh --app probe}
 * runs the cluster checks with it, to tell a broken cluster from a broken application.
 */
public final class Probe {
  private Probe() {}

  /** SplitMix64 finaliser (Steele, Lea and Flood 2014, doi:10.1145/2714064.2660195). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  public static void main(String[] args) {
    String out = args[0];
    long rows = Long.parseLong(args[1]);
    int partitions = Integer.parseInt(args[2]);
    long sleepMs = Long.parseLong(args[3]);
    org.apache.spark.sql.SparkSession spark =
        org.apache.spark.sql.SparkSession.builder().appName("unwind-cluster-probe").getOrCreate();
    try {
      org.apache.spark.sql.Dataset<Long> ids = spark.range(0, rows, 1, partitions);
      org.apache.spark.sql.Dataset<Long> values = ids.mapPartitions(
          (org.apache.spark.api.java.function.MapPartitionsFunction<Long, Long>) it -> {
            // Partition 0 is a straggler, so that speculative execution has a task to copy.
            int partition = org.apache.spark.TaskContext.getPartitionId();
            Thread.sleep(partition == 0 ? 8 * sleepMs : sleepMs);
            java.util.List<Long> buffer = new java.util.ArrayList<>();
            while (it.hasNext()) {
              buffer.add(mix(it.next()));
            }
            return buffer.iterator();
          },
          org.apache.spark.sql.Encoders.LONG());
      values.write().mode("overwrite").parquet(out);
      org.apache.spark.sql.Row r = spark.read().parquet(out)
          .selectExpr("count(*)", "sum(cast(value % 1000003 as bigint))").first();
      System.out.println("probe rows=" + r.getLong(0) + " checksum=" + r.getLong(1));
    } finally {
      spark.stop();
    }
  }
}
