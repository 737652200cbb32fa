package io.unwind.jobs.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The one place that turns the kernel's output ({@link PathOutput}) into rows of
 * {@link Schemas#PATHS}, {@link Schemas#EVENTS} and {@link Schemas#SAMPLES}, in the schemas'
 * column order.
 *
 * <p>Built on executors from the broadcast scenario's regime names; holds no Spark state.
 */
public final class RowMapper implements Serializable {
  private static final long serialVersionUID = 1L;

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
    List<Row> rows = new ArrayList<>(p.strategyCount());
    for (int i = 0; i < p.strategyCount(); i++) {
      int d = i * PathOutput.PATH_DOUBLES;
      int n = i * PathOutput.PATH_INTS;
      double[] v = p.pathDoubles;
      int defaultDay = p.pathInts[n + 3];
      rows.add(RowFactory.create(
          p.pathId,
          v[d], v[d + 1], (float) v[d + 2], (float) v[d + 3], (float) v[d + 4],
          p.pathInts[n], p.pathInts[n + 1], p.pathInts[n + 2],
          v[d + 5], v[d + 6], v[d + 7], v[d + 8],
          p.defaulted[i],
          defaultDay < 0 ? null : Integer.valueOf(defaultDay),
          v[d + 9],
          v[d + 10], v[d + 11],
          p.pathInts[n + 4], p.pathInts[n + 5],
          regimeDays,
          p.logWeight,
          runId,
          PathOutput.kind(p.strategies[i]).key(),
          chunk));
    }
    return rows;
  }

  /** The {@code events} rows of one path. */
  public List<Row> events(PathOutput p, int chunk) {
    List<Row> rows = new ArrayList<>(p.eventCount());
    for (int e = 0; e < p.eventCount(); e++) {
      int n = e * PathOutput.EVENT_INTS;
      int d = e * PathOutput.EVENT_DOUBLES;
      double[] v = p.eventDoubles;
      rows.add(RowFactory.create(
          p.pathId,
          p.eventInts[n],
          regimeNames[p.eventInts[n + 1]],
          PathOutput.trigger(p.eventTrigger[e]).key(),
          p.eventInts[n + 2],
          p.eventFlags[e * 2],
          v[d], v[d + 1], v[d + 2], v[d + 3], v[d + 4], v[d + 5],
          p.eventFlags[e * 2 + 1],
          runId,
          PathOutput.kind(p.eventStrategy[e]).key(),
          chunk));
    }
    return rows;
  }

  /** The {@code samples} rows of one path. */
  public List<Row> samples(PathOutput p, int chunk) {
    List<Row> rows = new ArrayList<>(p.sampleCount());
    for (int i = 0; i < p.sampleCount(); i++) {
      rows.add(RowFactory.create(
          p.pathId,
          p.sampleInts[i * 2],
          regimeNames[p.sampleInts[i * 2 + 1]],
          p.sampleDoubles[i * 2],
          p.sampleDoubles[i * 2 + 1],
          runId,
          PathOutput.kind(p.sampleStrategy[i]).key(),
          chunk));
    }
    return rows;
  }
}
