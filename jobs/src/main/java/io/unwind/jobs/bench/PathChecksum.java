package io.unwind.jobs.bench;

import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Schemas;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.sim.PathResult;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * An order-independent fingerprint of a run's {@code paths} rows: the row count and the wrapping
 * sum of a 64-bit hash of each row's {@code path_id}, {@code strategy}, {@code terminal_return},
 * {@code max_drawdown}, {@code margin_calls} and {@code defaulted}.
 *
 * <p>A sum does not depend on the order rows arrive in, so the kernel's threads and Spark's
 * partitions can each fold their share and the parts add up; the driver receives one value per
 * partition, never a row. Values are hashed as the table stores them ({@link #asStored}), so the
 * checksum of the kernel's results equals the checksum read back from Parquet exactly when the
 * same numbers were written.
 *
 * @param rows rows folded in
 * @param sum wrapping sum of the row hashes
 */
public record PathChecksum(long rows, long sum) implements Serializable {
  /** The checksum of no rows. */
  public static final PathChecksum EMPTY = new PathChecksum(0, 0);

  /** The {@code paths} columns the checksum reads, in the order {@link #row} takes them. */
  static final String[] COLUMNS = {"path_id", "strategy", "terminal_return", "max_drawdown",
      "margin_calls", "defaulted"};

  private static final DataType TERMINAL_RETURN = Schemas.PATHS.apply("terminal_return").dataType();
  private static final DataType MAX_DRAWDOWN = Schemas.PATHS.apply("max_drawdown").dataType();

  /** The sum of two parts. */
  public PathChecksum plus(PathChecksum other) {
    return new PathChecksum(rows + other.rows, sum + other.sum);
  }

  /** The hash of one kernel result, its values rounded as the {@code paths} table stores them. */
  public static long hash(PathResult r) {
    return row(r.pathId(), r.strategy().key(), asStored(r.terminalReturn(), TERMINAL_RETURN),
        asStored(r.maxDrawdown(), MAX_DRAWDOWN), r.marginCalls(), r.defaulted());
  }

  /**
   * The hash of one {@code paths} row: each field is folded in with Stafford's "Mix13" finaliser
   * (the one SplitMix64 uses; Steele, Lea and Flood, OOPSLA 2014, DOI 10.1145/2714064.2660195),
   * so a change in any bit of any field changes about half the bits of the result.
   */
  static long row(long pathId, String strategy, double terminalReturn, double maxDrawdown,
      int marginCalls, boolean defaulted) {
    long h = mix(pathId + 0x9E3779B97F4A7C15L);
    h = mix(h ^ strategy.hashCode()); // String.hashCode is fixed by the JLS: the same on every JVM
    h = mix(h ^ Double.doubleToLongBits(terminalReturn));
    h = mix(h ^ Double.doubleToLongBits(maxDrawdown));
    h = mix(h ^ marginCalls);
    return mix(h ^ (defaulted ? 1L : 2L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * {@code v} as a column of type {@code type} holds it: unchanged for double, rounded for float.
   *
   * @throws IllegalStateException for another type (the checksum must learn it first)
   */
  static double asStored(double v, DataType type) {
    if (type.equals(DataTypes.DoubleType)) {
      return v;
    }
    if (type.equals(DataTypes.FloatType)) {
      return (float) v;
    }
    throw new IllegalStateException("PathChecksum cannot reproduce a paths column stored as " + type);
  }

  /**
   * The checksum of what run {@code runId} wrote to {@code paths} under {@code out}, folded on the
   * executors: the driver receives one checksum per partition.
   */
  public static PathChecksum ofTable(SparkSession spark, OutputLayout out, String runId) {
    return Tables.readRun(spark, out, Table.PATHS, runId)
        .select(COLUMNS[0], java.util.Arrays.copyOfRange(COLUMNS, 1, COLUMNS.length))
        .javaRDD()
        .mapPartitions(new FoldRows())
        .fold(EMPTY, PathChecksum::plus);
  }

  /** Folds one partition's rows (columns as {@link #COLUMNS}) into one checksum. */
  private static final class FoldRows implements FlatMapFunction<Iterator<Row>, PathChecksum> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<PathChecksum> call(Iterator<Row> rows) {
      long n = 0;
      long sum = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        // Number, not getDouble/getInt: a column narrowed to float or short still reads back.
        sum += row(((Number) r.get(0)).longValue(), r.getString(1),
            ((Number) r.get(2)).doubleValue(), ((Number) r.get(3)).doubleValue(),
            ((Number) r.get(4)).intValue(), r.getBoolean(5));
        n++;
      }
      return List.of(new PathChecksum(n, sum)).iterator();
    }
  }
}
