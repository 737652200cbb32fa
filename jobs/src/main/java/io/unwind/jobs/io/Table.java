package io.unwind.jobs.io;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/** The tables under the output root, with their schemas and Hive partition columns. */
public enum Table {
  /** Per path and strategy outcomes. */
  PATHS("paths", Schemas.PATHS, List.of("run_id", "strategy", "chunk")),
  /** Days with a forced or vol-driven sale. */
  EVENTS("events", Schemas.EVENTS, List.of("run_id", "strategy", "chunk")),
  /** Daily trajectories of the sampled paths. */
  SAMPLES("samples", Schemas.SAMPLES, List.of("run_id", "strategy", "chunk")),
  /** One row per run; a run is visible only when its status is complete. */
  RUNS("runs", Schemas.RUNS, List.of("run_id")),
  /** Tail metrics and probabilities, long format. */
  SUMMARY("summary", Schemas.SUMMARY, List.of("run_id")),
  /** Distributions of per-path quantities. */
  HISTOGRAMS("histograms", Schemas.HISTOGRAMS, List.of("run_id")),
  /** Replay episodes per strategy ({@code unwind replay}). */
  EPISODES("episodes", Schemas.EPISODES, List.of("run_id"));

  private final String dirName;
  private final StructType schema;
  private final List<String> partitionColumns;

  Table(String dirName, StructType schema, List<String> partitionColumns) {
    this.dirName = dirName;
    this.schema = schema;
    this.partitionColumns = partitionColumns;
  }

  /** Directory name under the output root. */
  public String dirName() {
    return dirName;
  }

  /** Full schema: data columns, then the partition columns. */
  public StructType schema() {
    return schema;
  }

  /** Hive partition columns, outermost first. */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** {@link #partitionColumns()} as an array, for {@code DataFrameWriter.partitionBy}. */
  public String[] partitionColumnArray() {
    return partitionColumns.toArray(new String[0]);
  }
}
