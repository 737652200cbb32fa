package io.unwind.jobs.simulate;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * Everything one kernel call produced for one path, already as rows: the unit the simulate job
 * persists so that the three tables are written from a single simulation pass.
 *
 * @param paths one {@code paths} row per strategy
 * @param events the path's {@code events} rows, all strategies
 * @param samples the path's {@code samples} rows, all strategies (empty unless sampled)
 */
public record SimulatedPath(Row[] paths, Row[] events, Row[] samples) implements Serializable {
  private static final long serialVersionUID = 1L;
}
