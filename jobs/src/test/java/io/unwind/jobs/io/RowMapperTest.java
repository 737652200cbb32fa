package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.StrategyKind;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import io.unwind.sim.Trigger;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Every column of a mapped row holds the value of its name: each {@link PathResult} component
 * lands in the {@code paths} column of the same name in snake case (found by reflection, not by
 * the mapper's own table), each event and sample field in its column.
 */
class RowMapperTest {
  private static final String[] REGIMES = {"calm", "crisis"};

  /** A result whose every number differs from every other, so a swapped column shows. */
  private static PathResult distinct(long pathId, StrategyKind kind) {
    return new PathResult(pathId, kind, 0.101, 0.102, 0.103, 1.104, 1.105, 6, 7, 8, 0.109,
        0.110, 0.111, 0.112, true, 13, 0.114, new int[] {15, 16}, 0.117, 0.118, 19, 20, -0.121);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  private static void assertRowFitsSchema(Row row, StructType schema) {
    assertThat(row.size()).isEqualTo(schema.fields().length);
  }

  @Test
  void paths_everyResultComponent_landsInTheColumnOfItsName() {
    PathResult r = distinct(42, StrategyKind.NO_IMPACT);
    List<Row> rows = new RowMapper("run-a", REGIMES).paths(
        PathOutput.of(42, new PathResult[] {r}, new EventLog(), new SampleLog()), 7);
    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertRowFitsSchema(row, Schemas.PATHS);
    List<String> columns = List.of(Schemas.PATHS.fieldNames());
    int checked = 0;
    for (RecordComponent c : PathResult.class.getRecordComponents()) {
      String column = snake(c.getName());
      if (!columns.contains(column)) {
        continue;
      }
      Object expected;
      try {
        expected = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      StructField field = Schemas.PATHS.apply(column);
      if (field.dataType().equals(DataTypes.FloatType)) {
        expected = (float) (double) (Double) expected;
      }
      if (column.equals("strategy")) {
        expected = ((StrategyKind) expected).key();
      }
      assertThat(row.get(columns.indexOf(column))).as(column).isEqualTo(expected);
      checked++;
    }
    // Every paths column but run_id, chunk and regime_days (days_per_regime) comes from a component.
    assertThat(checked).isEqualTo(columns.size() - 3);
    assertThat(row.get(columns.indexOf("run_id"))).isEqualTo("run-a");
    assertThat(row.get(columns.indexOf("chunk"))).isEqualTo(7);
    assertThat(row.<scala.collection.Map<String, Object>>getAs(columns.indexOf("regime_days"))
        .get("crisis").get()).isEqualTo(16);
  }

  @Test
  void paths_noDefault_defaultDayIsNull() {
    PathResult r = new PathResult(1, StrategyKind.LEVERED_ERC, 0.1, 0.2, 0.1, 2, 3, 0, 0, 0, 0,
        0, 0, 0, false, -1, 0, new int[] {1, 0}, 0, 0, 0, 0);
    Row row = new RowMapper("r", REGIMES).paths(
        PathOutput.of(1, new PathResult[] {r}, new EventLog(), new SampleLog()), 0).get(0);
    assertThat(row.get(Schemas.PATHS.fieldIndex("default_day"))).isNull();
  }

  @Test
  void eventsAndSamples_everyFieldInTheColumnOfItsName() {
    EventLog events = new EventLog();
    events.add(StrategyKind.ORACLE_ERC, 12, 1, Trigger.DEFAULT).rounds(3).converged(false)
        .equityBefore(0.8).equityAfter(0.7).grossBefore(2.4).grossAfter(1.5).sold(0.3)
        .impactCost(0.01).defaulted(true);
    SampleLog samples = new SampleLog();
    samples.add(StrategyKind.SIXTY_FORTY, 5, 1, 1.25, 0.75);
    PathOutput p = PathOutput.of(9, new PathResult[0], events, samples);
    RowMapper mapper = new RowMapper("r", REGIMES);

    Row e = mapper.events(p, 2).get(0);
    assertRowFitsSchema(e, Schemas.EVENTS);
    Map<String, Object> expected = Map.ofEntries(Map.entry("path_id", 9L), Map.entry("day", 12),
        Map.entry("regime", "crisis"), Map.entry("trigger", "default"), Map.entry("rounds", 3),
        Map.entry("converged", false), Map.entry("equity_before", 0.8),
        Map.entry("equity_after", 0.7), Map.entry("gross_before", 2.4),
        Map.entry("gross_after", 1.5), Map.entry("sold", 0.3), Map.entry("impact_cost", 0.01),
        Map.entry("defaulted", true), Map.entry("run_id", "r"), Map.entry("strategy", "oracle-erc"),
        Map.entry("chunk", 2));
    assertThat(expected.keySet()).containsExactlyInAnyOrder(Schemas.EVENTS.fieldNames());
    for (StructField f : Schemas.EVENTS.fields()) {
      assertThat(e.get(Schemas.EVENTS.fieldIndex(f.name()))).as(f.name()).isEqualTo(expected.get(f.name()));
    }

    Row s = mapper.samples(p, 2).get(0);
    assertRowFitsSchema(s, Schemas.SAMPLES);
    Map<String, Object> sample = Map.of("path_id", 9L, "day", 5, "regime", "crisis", "nav", 1.25,
        "leverage", 0.75, "run_id", "r", "strategy", "sixty-forty", "chunk", 2);
    assertThat(sample.keySet()).containsExactlyInAnyOrder(Schemas.SAMPLES.fieldNames());
    for (StructField f : Schemas.SAMPLES.fields()) {
      assertThat(s.get(Schemas.SAMPLES.fieldIndex(f.name()))).as(f.name()).isEqualTo(sample.get(f.name()));
    }
  }
}
