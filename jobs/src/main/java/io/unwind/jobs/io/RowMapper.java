package io.unwind.jobs.io;

import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The one place that turns the kernel's results into rows of {@link Schemas#PATHS},
 * {@link Schemas#EVENTS} and {@link Schemas#SAMPLES}, in the schemas' column order.
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

  /** The {@code paths} row of one path under one strategy. */
  public Row path(PathResult r, int chunk) {
    // A Scala map: Spark's row encoder (createDataFrame of an RDD) accepts no java.util.Map.
    scala.collection.immutable.Map<String, Object> regimeDays = scala.collection.immutable.Map$.MODULE$.empty();
    int[] days = r.daysPerRegime();
    for (int s = 0; s < regimeNames.length; s++) {
      regimeDays = regimeDays.updated(regimeNames[s], days == null || s >= days.length ? 0 : days[s]);
    }
    return RowFactory.create(
        r.pathId(),
        r.terminalReturn(),
        r.maxDrawdown(),
        r.realizedVol(),
        r.avgLeverage(),
        r.maxLeverage(),
        r.marginCalls(),
        r.deleveragingDays(),
        r.maxCascadeRounds(),
        r.forcedSales(),
        r.impactCost(),
        r.financingCost(),
        r.tradingCost(),
        r.defaulted(),
        r.defaultDay() < 0 ? null : Integer.valueOf(r.defaultDay()),
        r.shortfall(),
        regimeDays,
        runId,
        r.strategy().key(),
        chunk);
  }

  /** Appends the {@code events} rows of one path to {@code out}. */
  public void events(long pathId, EventLog log, int chunk, List<Row> out) {
    for (int i = 0; i < log.size(); i++) {
      out.add(RowFactory.create(
          pathId,
          log.day(i),
          regimeNames[log.regime(i)],
          log.trigger(i).key(),
          log.rounds(i),
          log.converged(i),
          log.equityBefore(i),
          log.equityAfter(i),
          log.grossBefore(i),
          log.grossAfter(i),
          log.sold(i),
          log.impactCost(i),
          log.defaulted(i),
          runId,
          log.strategy(i).key(),
          chunk));
    }
  }

  /** Appends the {@code samples} rows of one path to {@code out}. */
  public void samples(long pathId, SampleLog log, int chunk, List<Row> out) {
    for (int i = 0; i < log.size(); i++) {
      out.add(RowFactory.create(
          pathId,
          log.day(i),
          regimeNames[log.regime(i)],
          log.nav(i),
          log.leverage(i),
          runId,
          log.strategy(i).key(),
          chunk));
    }
  }
}
