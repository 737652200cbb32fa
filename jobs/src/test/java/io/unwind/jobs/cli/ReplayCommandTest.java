package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.replay.Episode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
  private static final Path HISTORY =
      Path.of(System.getProperty("unwind.home"), "conf", "history", "etf-daily-2007-2025.csv");
  private static final String[] CLASSES = {"--class", "SPY=equity", "--class", "IEV=equity",
      "--class", "IEF=bond", "--class", "TLT=bond", "--class", "DBC=commodity", "--class", "HYG=credit"};
  private static final List<String> STRATEGIES =
      List.of("levered-erc", "oracle-erc", "no-impact", "unlevered-erc", "sixty-forty");
  /** 4646 returns; 4583 traded after the default 63-day warm-up. */
  private static final int TRADED = 4646 - 63;

  @TempDir
  static Path tmp;

  private static Path out;
  private static Path calm;
  private static JsonNode json;

  @BeforeAll
  static void replayTheShippedHistoryOnce() throws IOException {
    out = tmp.resolve("out");
    CliHarness cli = CliHarness.withSpark();
    List<String> args = new ArrayList<>(List.of("replay", "--prices", HISTORY.toString(), "--json",
        "--out", out.toString(), "--run-id", "whole"));
    args.addAll(Arrays.asList(CLASSES));
    int code = cli.run(args.toArray(new String[0]));
    assertThat(code).as("stderr:%n%s", cli.err()).isZero();
    json = new ObjectMapper().readTree(cli.out());
    // A one-regime path for the runs that need no fit (windows, partitions, bad input).
    List<String> lines = Files.readAllLines(HISTORY);
    StringBuilder regimes = new StringBuilder("date,regime\n");
    for (String line : lines.subList(1, lines.size())) {
      regimes.append(line, 0, line.indexOf(',')).append(",calm\n");
    }
    calm = Files.writeString(tmp.resolve("calm.csv"), regimes);
  }

  @Test
  void replay_shippedHistory_reportsTheFourDefaultEpisodesWithEveryStrategy() {
    List<String> names = new ArrayList<>();
    json.get("episodes").forEach(e -> names.add(e.get("name").asText()));
    assertThat(names).containsExactlyElementsOf(Episode.defaults().stream().map(Episode::name).toList());
    for (JsonNode e : json.get("episodes")) {
      List<String> strategies = new ArrayList<>();
      e.get("strategies").fieldNames().forEachRemaining(strategies::add);
      assertThat(strategies).as(e.get("name").asText()).containsExactlyElementsOf(STRATEGIES);
      for (JsonNode s : e.get("strategies")) {
        assertThat(s.get("max_drawdown").asDouble()).isBetween(0.0, 1.0);
        assertThat(s.get("min_leverage").asDouble()).isLessThanOrEqualTo(s.get("avg_leverage").asDouble());
      }
    }
    // The 60/40 of ETFs fell by a quarter or more in 2008 (S&P 500 -55 % peak to trough): a replay
    // that finds less has lost the crisis.
    assertThat(json.at("/episodes/0/strategies/sixty-forty/max_drawdown").asDouble()).isGreaterThan(0.25);
    assertThat(json.at("/whole/days").asInt()).isEqualTo(TRADED);
    assertThat(json.at("/whole/first_day").asText()).isEqualTo("2007-07-12");
  }

  @Test
  void replay_shippedHistory_writesOnePathAndTheEpisodesAndACompleteRun() {
    OutputLayout layout = OutputLayout.of(out.toString());
    assertThat(Tables.readRun(SharedSpark.session(), layout, Table.PATHS, "whole").count()).isEqualTo(5);
    Dataset<Row> episodes = Tables.readRun(SharedSpark.session(), layout, Table.EPISODES, "whole");
    assertThat(episodes.count()).isEqualTo(5 * 5);
    Row levered2008 = episodes.where("episode = '2008-crisis' AND strategy = 'levered-erc'").first();
    assertThat(levered2008.getDouble(levered2008.fieldIndex("max_drawdown")))
        .isEqualTo(json.at("/episodes/0/strategies/levered-erc/max_drawdown").asDouble());
    RunRecord run = Tables.readRunRecord(SharedSpark.session(), layout, "whole").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.COMPLETE);
    assertThat(run.steps()).isEqualTo(TRADED);
    assertThat(run.assets()).containsExactly("SPY", "IEV", "IEF", "TLT", "DBC", "HYG");
  }

  @Test
  void replay_windows_giveTheExpectedNumberOfPathsAtAnyPartitionCount() {
    // Three-year windows every year: (4583 - 756) / 252 + 1 = 16.
    int expected = (TRADED - 756) / 252 + 1;
    for (String partitions : new String[] {"1", "3"}) {
      CliHarness cli = CliHarness.withSpark();
      List<String> args = new ArrayList<>(List.of("replay", "--prices", HISTORY.toString(),
          "--regime-path", calm.toString(), "--window-days", "756", "--step-days", "252",
          "--partitions", partitions, "--out", out.toString(), "--run-id", "windows-" + partitions));
      args.addAll(Arrays.asList(CLASSES));
      assertThat(cli.run(args.toArray(new String[0]))).as("stderr:%n%s", cli.err()).isZero();
    }
    OutputLayout layout = OutputLayout.of(out.toString());
    for (Table table : new Table[] {Table.PATHS, Table.EVENTS, Table.SAMPLES, Table.EPISODES}) {
      List<String> one = sortedRows(layout, table, "windows-1");
      List<String> three = sortedRows(layout, table, "windows-3");
      assertThat(three).as(table.dirName()).isEqualTo(one);
      if (table == Table.PATHS) {
        assertThat(one).hasSize(expected * STRATEGIES.size());
      }
    }
    assertThat(Tables.readRunRecord(SharedSpark.session(), layout, "windows-1").orElseThrow().paths())
        .isEqualTo(expected);

    // The windows are a run like a simulated one: aggregate verifies its marker and summarises it.
    CliHarness aggregate = CliHarness.withSpark();
    assertThat(aggregate.run("aggregate", "--out", out.toString(), "--run-id", "windows-1"))
        .as("stderr:%n%s", aggregate.err()).isZero();
    Dataset<Row> es = Tables.readRun(SharedSpark.session(), layout, Table.SUMMARY, "windows-1")
        .where("metric = 'loss_es' AND level = 0.95");
    assertThat(es.count()).isEqualTo(STRATEGIES.size());
    assertThat(es.where("n = " + expected).count()).isEqualTo(STRATEGIES.size());
  }

  private static List<String> sortedRows(OutputLayout layout, Table table, String runId) {
    List<String> rows = new ArrayList<>();
    for (Row r : Tables.readRun(SharedSpark.session(), layout, table, runId).drop("run_id").collectAsList()) {
      rows.add(r.toString());
    }
    Collections.sort(rows);
    return rows;
  }

  // ---- bad input: exit 2, one message, no Spark, nothing written ----

  private static String badInput(String name, String... args) throws IOException {
    Path dir = tmp.resolve("bad-" + name);
    List<String> all = new ArrayList<>(List.of("replay"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--out", dir.resolve("out").toString()));
    CliHarness cli = CliHarness.noSpark();
    int code = cli.run(all.toArray(new String[0]));
    assertThat(code).as("%s: stderr:%n%s", name, cli.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.sessionRequests).hasValue(0);
    assertThat(dir.resolve("out")).doesNotExist();
    assertThat(cli.out()).as(name).isEmpty();
    return cli.err();
  }

  @Test
  void replay_classOfAColumnNotInTheFile_exit2() throws IOException {
    assertThat(badInput("class-column", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--class", "GLD=commodity")).contains("--class GLD=commodity").contains("no column GLD");
  }

  @Test
  void replay_runIdTooLong_exit2NamingTheLimitOfEveryRunCommand() throws IOException {
    assertThat(badInput("run-id-long", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--run-id", "r".repeat(RunOptions.MAX_RUN_ID_LENGTH + 1)))
        .contains("--run-id").contains("at most " + RunOptions.MAX_RUN_ID_LENGTH + " characters");
  }

  @Test
  void replay_pricesIsADirectory_exit2() throws IOException {
    assertThat(badInput("prices-dir", "--prices", tmp.toString(), "--regime-path", calm.toString()))
        .contains("--prices").contains("file not found");
  }

  @Test
  void replay_unknownClass_exit2() throws IOException {
    assertThat(badInput("class-unknown", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--class", "SPY=stocks")).contains("unknown class stocks");
  }

  @Test
  void replay_datesOutOfOrder_exit2() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(HISTORY));
    Collections.swap(lines, 10, 11);
    Path shuffled = Files.write(tmp.resolve("shuffled.csv"), lines);
    assertThat(badInput("dates", "--prices", shuffled.toString(), "--regime-path", calm.toString()))
        .contains("line 12").contains("comes before");
  }

  @Test
  void replay_historyShorterThanWarmupPlusOneWindow_exit2() throws IOException {
    assertThat(badInput("short", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--window-days", "5000")).contains("4646 daily returns").contains("warm-up of 63")
        .contains("window of 5000 days");
  }

  @Test
  void replay_episodeOutsideTheHistory_exit2() throws IOException {
    Path episodes = Files.writeString(tmp.resolve("episodes.csv"),
        "name,start,end\ndot-com,2000-03-01,2002-10-31\n");
    assertThat(badInput("episode", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--episodes", episodes.toString())).contains("episode dot-com").contains("not inside")
        .contains("2007-07-12");
  }

  @Test
  void replay_regimesAndRegimePathBoth_exit2() throws IOException {
    assertThat(badInput("both", "--prices", HISTORY.toString(), "--regime-path", calm.toString(),
        "--regimes", "2")).contains("--regimes 2 and --regime-path").contains("give one");
  }

  @Test
  void replay_missingRegimePath_exit2() throws IOException {
    assertThat(badInput("no-path", "--prices", HISTORY.toString(), "--regime-path",
        tmp.resolve("none.csv").toString())).contains("--regime-path").contains("not found");
  }

  @Test
  void replay_regimePathMissingADate_exit2() throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(calm));
    lines.remove(100);
    Path gap = Files.write(tmp.resolve("gap.csv"), lines);
    assertThat(badInput("gap", "--prices", HISTORY.toString(), "--regime-path", gap.toString()))
        .contains("no regime for");
  }

}
