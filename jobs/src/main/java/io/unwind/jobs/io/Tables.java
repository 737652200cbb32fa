package io.unwind.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** Reading and writing unwind's tables with their declared schemas and partitioning. */
public final class Tables {
  private Tables() {
  }

  /** Parquet-hadoop's key for the zstd level of the files a write produces (default 3). */
  public static final String ZSTD_LEVEL_KEY = "parquet.compression.codec.zstd.level";

  /** The zstd level of {@code paths} files; see {@link #writerOptions(Table)}. */
  public static final int PATHS_ZSTD_LEVEL = 6;

  /**
   * Writes {@code rows} (in the table's schema) with dynamic partition overwrite: only the
   * partitions present in {@code rows} are replaced, every other run and chunk stays. The Parquet
   * settings are {@link #writerOptions(Table)}.
   */
  public static void write(Dataset<Row> rows, OutputLayout out, Table table) {
    rows.write()
        .mode(SaveMode.Overwrite)
        .option("partitionOverwriteMode", "dynamic")
        .options(writerOptions(table))
        .partitionBy(table.partitionColumnArray())
        .parquet(out.table(table));
  }

  /**
   * The Parquet writer options of a table's files (Spark passes {@code parquet.*} write options
   * to parquet-hadoop through the job's Hadoop configuration).
   *
   * <p>Every table: zstd, parquet-hadoop's default page format (v1) and encodings (dictionary,
   * falling back to PLAIN). {@code paths} also: zstd level {@value #PATHS_ZSTD_LEVEL} instead of 3,
   * which shrinks its sorted {@code path_id} column (1.2 to 1.0 bytes a row on the baseline run,
   * 1.9 to 1.0 in files of 20,000 consecutive ids) at no measurable write time; its doubles,
   * PLAIN, gain almost nothing from any level (BENCHMARKS.md, "Output size").
   *
   * <p>Implementation note: BYTE_STREAM_SPLIT for the doubles would save another 5 bytes a
   * {@code paths} row, but Spark 4.2's vectorized Parquet reader rejects that encoding
   * ("Unsupported encoding: BYTE_STREAM_SPLIT"), so every Spark reader would need
   * {@code spark.sql.parquet.enableVectorizedReader=false}; it is left off until Spark reads it.
   * Data page v2 (delta-encoded {@code path_id}) saves about what the level saves but stores the
   * map's repetition levels uncompressed (+1 byte a row); not used.
   */
  public static Map<String, String> writerOptions(Table table) {
    if (table == Table.PATHS) {
      return Map.of("compression", "zstd", ZSTD_LEVEL_KEY, Integer.toString(PATHS_ZSTD_LEVEL));
    }
    return Map.of("compression", "zstd");
  }

  /** Field-metadata key under which data files carry the run's config hash. */
  public static final String CONFIG_HASH_KEY = "unwind.config_hash";

  /**
   * Tags {@code rows}' first column with the run's config hash, so that every Parquet file
   * written from them carries it in its footer: Spark stores the schema, field metadata
   * included, in the footer's key-value metadata ({@code org.apache.spark.sql.parquet.row.metadata}).
   * Parquet 1.17's output format has no configuration key for extra footer entries, so this is
   * the way that needs no custom write support. A file then names the config that produced it
   * even when copied away from its {@code runs} row.
   */
  public static Dataset<Row> withConfigHash(Dataset<Row> rows, String configHash) {
    StructField first = rows.schema().fields()[0];
    Metadata tagged = new MetadataBuilder().withMetadata(first.metadata())
        .putString(CONFIG_HASH_KEY, configHash).build();
    return rows.withColumn(first.name(), rows.col(first.name()).as(first.name(), tagged));
  }

  /**
   * Reads one run's rows of a table with its declared schema (partition columns included); empty
   * when the run wrote nothing to the table.
   */
  public static Dataset<Row> readRun(SparkSession spark, OutputLayout out, Table table, String runId) {
    if (!out.exists(spark.sparkContext().hadoopConfiguration(), table, runId)) {
      return spark.createDataFrame(List.<Row>of(), table.schema());
    }
    return spark.read()
        .schema(table.schema())
        .option("basePath", out.table(table))
        .parquet(out.run(table, runId));
  }

  /**
   * Rows one chunk of a run holds in a chunked table ({@code paths}, {@code events},
   * {@code samples}); 0 when the chunk has no directory. Reads only that chunk's files (their
   * footers: a count needs no column data).
   */
  public static long countChunk(SparkSession spark, OutputLayout out, Table table, String runId,
      int chunk) {
    if (!table.partitionColumns().contains("chunk")) {
      throw new IllegalArgumentException(table + " has no chunks");
    }
    String glob = out.run(table, runId) + "/strategy=*/chunk=" + chunk;
    Path pattern = new Path(glob);
    FileStatus[] found;
    try {
      found = pattern
          .getFileSystem(spark.sparkContext().hadoopConfiguration()).globStatus(pattern);
      if (found == null || found.length == 0) {
        return 0;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + glob, e);
    }
    // The glob's matches, not the glob: Spark probes each path for a streaming-sink metadata
    // directory and logs a stack trace at WARN when a glob is not a real directory.
    String[] dirs = new String[found.length];
    for (int i = 0; i < found.length; i++) {
      dirs[i] = found[i].getPath().toString();
    }
    return spark.read()
        .schema(table.schema())
        .option("basePath", out.table(table))
        .parquet(dirs)
        .count();
  }

  /** Writes the run's row to {@code runs}, replacing any earlier row of the same run id. */
  public static void writeRun(SparkSession spark, OutputLayout out, RunRecord run) {
    write(spark.createDataFrame(List.of(run.toRow()), Schemas.RUNS).coalesce(1), out, Table.RUNS);
  }

  /** The run's row, or empty when {@code runs} has none for it. */
  public static Optional<RunRecord> readRunRecord(SparkSession spark, OutputLayout out, String runId) {
    List<Row> rows = readRun(spark, out, Table.RUNS, runId).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(RunRecord.fromRow(rows.get(0)));
  }
}
