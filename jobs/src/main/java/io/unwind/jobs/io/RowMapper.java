package io.unwind.jobs.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one place that turns the kernel's output ({@link PathOutput}) into rows of
 * {@link Schemas#PATHS}, {@link Schemas#EVENTS} and {@link Schemas#SAMPLES}.
 *
 * <p>Columns are matched by name: for each table a list of cells, one per schema column in the
 * schema's order, is built once per JVM from the schema and {@link PathOutput}'s named slots
 * (a {@code FloatType} column casts its double). A schema column without a source, or a slot
 * without a column, fails class initialisation, so no test run can write a shifted row.
 *
 * <p>Built on the driver and shipped inside the job's closures: it holds the run id and the
 * regime names only.
 */
public final class RowMapper implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One path being mapped, with what every row of the call shares. */
  private record Source(PathOutput path, int chunk, Object regimeDays) {
  }

  /** Reads one column's value for strategy, event or sample {@code i} of a path. */
  @FunctionalInterface
  private interface Cell {
    Object read(RowMapper mapper, Source source, int i);
  }

  private static final Cell[] PATHS = cells(Schemas.PATHS, RowMapper::pathsCell,
      PathOutput.PATH_DOUBLE_COLUMNS, PathOutput.PATH_INT_COLUMNS);
  private static final Cell[] EVENTS = cells(Schemas.EVENTS, RowMapper::eventsCell,
      PathOutput.EVENT_DOUBLE_COLUMNS, PathOutput.EVENT_INT_COLUMNS, PathOutput.EVENT_FLAG_COLUMNS);
  private static final Cell[] SAMPLES = cells(Schemas.SAMPLES, RowMapper::samplesCell,
      PathOutput.SAMPLE_DOUBLE_COLUMNS, PathOutput.SAMPLE_INT_COLUMNS);

  private final String runId;
  private final String[] regimeNames;

  /**
   * A mapper for one run.
   *
   * @param runId the run id written to every row
   * @param regimeNames regime names by index, to name regimes in rows
   */
  public RowMapper(String runId, String[] regimeNames) {
    this.runId = runId;
    this.regimeNames = regimeNames.clone();
  }

  /** The {@code paths} rows of one path, one per strategy. */
  public List<Row> paths(PathOutput p, int chunk) {
    // A Scala map: Spark's row encoder (createDataFrame of an RDD) accepts no java.util.Map.
    scala.collection.immutable.Map<String, Object> regimeDays = scala.collection.immutable.Map$.MODULE$.empty();
    for (int s = 0; s < regimeNames.length; s++) {
      regimeDays = regimeDays.updated(regimeNames[s], s < p.regimeDays.length ? p.regimeDays[s] : 0);
    }
    return rows(PATHS, new Source(p, chunk, regimeDays), p.strategyCount());
  }

  /** The {@code events} rows of one path. */
  public List<Row> events(PathOutput p, int chunk) {
    return rows(EVENTS, new Source(p, chunk, null), p.eventCount());
  }

  /** The {@code samples} rows of one path. */
  public List<Row> samples(PathOutput p, int chunk) {
    return rows(SAMPLES, new Source(p, chunk, null), p.sampleCount());
  }

  private List<Row> rows(Cell[] cells, Source source, int count) {
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object[] values = new Object[cells.length];
      for (int c = 0; c < cells.length; c++) {
        values[c] = cells[c].read(this, source, i);
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  private static Cell pathsCell(StructField f) {
    switch (f.name()) {
      case "defaulted":
        return (m, s, i) -> s.path().defaulted[i];
      case "default_day": {
        int k = slot(PathOutput.PATH_INT_COLUMNS, "default_day");
        return (m, s, i) -> {
          int day = s.path().pathInts[i * PathOutput.PATH_INTS + k];
          return day < 0 ? null : Integer.valueOf(day);
        };
      }
      case "regime_days":
        return (m, s, i) -> s.regimeDays();
      case "log_weight":
        return (m, s, i) -> s.path().logWeight;
      case "strategy":
        return (m, s, i) -> PathOutput.kind(s.path().strategies[i]).key();
      default:
        break;
    }
    int d = slot(PathOutput.PATH_DOUBLE_COLUMNS, f.name());
    if (d >= 0) {
      return f.dataType().equals(DataTypes.FloatType)
          ? (m, s, i) -> (float) s.path().pathDoubles[i * PathOutput.PATH_DOUBLES + d]
          : (m, s, i) -> s.path().pathDoubles[i * PathOutput.PATH_DOUBLES + d];
    }
    int n = slot(PathOutput.PATH_INT_COLUMNS, f.name());
    return n < 0 ? null : (m, s, i) -> s.path().pathInts[i * PathOutput.PATH_INTS + n];
  }

  private static Cell eventsCell(StructField f) {
    int d = slot(PathOutput.EVENT_DOUBLE_COLUMNS, f.name());
    int n = slot(PathOutput.EVENT_INT_COLUMNS, f.name());
    int b = slot(PathOutput.EVENT_FLAG_COLUMNS, f.name());
    switch (f.name()) {
      case "regime":
        return (m, s, i) -> m.regimeNames[s.path().eventInts[i * PathOutput.EVENT_INTS + n]];
      case "trigger":
        return (m, s, i) -> PathOutput.trigger(s.path().eventTrigger[i]).key();
      case "strategy":
        return (m, s, i) -> PathOutput.kind(s.path().eventStrategy[i]).key();
      default:
        return d >= 0 ? (m, s, i) -> s.path().eventDoubles[i * PathOutput.EVENT_DOUBLES + d]
            : n >= 0 ? (m, s, i) -> s.path().eventInts[i * PathOutput.EVENT_INTS + n]
            : b >= 0 ? (m, s, i) -> s.path().eventFlags[i * PathOutput.EVENT_FLAGS + b]
            : null;
    }
  }

  private static Cell samplesCell(StructField f) {
    int d = slot(PathOutput.SAMPLE_DOUBLE_COLUMNS, f.name());
    int n = slot(PathOutput.SAMPLE_INT_COLUMNS, f.name());
    switch (f.name()) {
      case "regime":
        return (m, s, i) -> m.regimeNames[s.path().sampleInts[i * PathOutput.SAMPLE_INTS + n]];
      case "strategy":
        return (m, s, i) -> PathOutput.kind(s.path().sampleStrategy[i]).key();
      default:
        return d >= 0 ? (m, s, i) -> s.path().sampleDoubles[i * PathOutput.SAMPLE_DOUBLES + d]
            : n >= 0 ? (m, s, i) -> s.path().sampleInts[i * PathOutput.SAMPLE_INTS + n]
            : null;
    }
  }

  /** The columns every table has: the path id first, the run id and chunk partition columns. */
  private static Cell sharedCell(StructField f) {
    switch (f.name()) {
      case "path_id":
        return (m, s, i) -> s.path().pathId;
      case "run_id":
        return (m, s, i) -> m.runId;
      case "chunk":
        return (m, s, i) -> s.chunk();
      default:
        return null;
    }
  }

  private static int slot(String[] columns, String name) {
    return Arrays.asList(columns).indexOf(name);
  }

  /**
   * The cells of {@code schema}, in its column order; every column must have a source and every
   * slot of {@code slots} must be a column.
   */
  private static Cell[] cells(StructType schema, java.util.function.Function<StructField, Cell> source,
      String[]... slots) {
    List<String> names = Arrays.asList(schema.fieldNames());
    for (String[] group : slots) {
      for (String slot : group) {
        if (!names.contains(slot)) {
          throw new IllegalStateException("PathOutput slot " + slot + " is no column of " + names);
        }
      }
    }
    Cell[] cells = new Cell[schema.fields().length];
    for (int c = 0; c < cells.length; c++) {
      StructField f = schema.fields()[c];
      cells[c] = sharedCell(f) != null ? sharedCell(f) : source.apply(f);
      if (cells[c] == null) {
        throw new IllegalStateException("column " + f.name()
            + " has no source in PathOutput");
      }
    }
    return cells;
  }
}
