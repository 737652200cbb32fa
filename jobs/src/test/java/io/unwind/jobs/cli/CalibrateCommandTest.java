package io.unwind.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.AssetClass;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unwind calibrate} end to end: a history simulated from a known two-regime market is
 * calibrated in-process (no Spark), the written scenario loads, recovers the truth and runs in
 * {@code simulate}; bad input exits 2 and writes nothing.
 */
class CalibrateCommandTest {
  private static final long SEED = 20261124L;
  private static final int RETURNS = 5000;

  @TempDir
  static Path tmp;

  private static TwoRegimeMarket.History history;
  private static Path scenarioFile;
  private static int exitCode;
  private static String stdout;
  private static String stderr;

  @BeforeAll
  static void calibrateOnce() throws IOException {
    history = TwoRegimeMarket.write(tmp.resolve("prices.csv"), RETURNS, SEED);
    scenarioFile = tmp.resolve("fit/two-regime.conf");
    CliHarness cli = CliHarness.noSpark();
    exitCode = cli.run("calibrate", "--prices", history.csv().toString(), "--regimes", "2",
        "--out", scenarioFile.toString(), "--starts", "4");
    stdout = cli.out();
    stderr = cli.err();
    assertThat(cli.sessionRequests).hasValue(0);
  }

  @Test
  void calibrate_twoRegimeHistory_exit0AndWritesTheThreeFiles() {
    assertThat(exitCode).as("stderr:%n%s", stderr).isZero();
    Path report = tmp.resolve("fit/two-regime.report.txt");
    Path viterbi = tmp.resolve("fit/two-regime.viterbi.csv");
    assertThat(scenarioFile).isRegularFile();
    assertThat(report).isRegularFile();
    assertThat(viterbi).isRegularFile();
    assertThat(stdout).contains("log-likelihood").contains("BIC")
        .contains(scenarioFile.toString()).contains(report.toString()).contains(viterbi.toString());
  }

  @Test
  void calibrate_viterbiFile_oneRowPerReturnMostlyMatchingTheTrueRegime() throws IOException {
    List<String> lines = Files.readAllLines(tmp.resolve("fit/two-regime.viterbi.csv"));
    assertThat(lines.get(0)).isEqualTo("date,regime");
    assertThat(lines).hasSize(RETURNS + 1);
    int agree = 0;
    for (int t = 0; t < RETURNS; t++) {
      String regime = lines.get(t + 1).split(",")[1];
      agree += regime.equals(history.regimes()[t] == 0 ? "calm" : "crisis") ? 1 : 0;
    }
    // Crisis days are 3.3 times as volatile in equities: a wrong label needs a run of days that
    // look like the other regime; the truth is known, so agreement well above chance (75 % for
    // "always calm") is a property of a correct decoder, not of this seed.
    assertThat(agree).as("Viterbi agreement with the simulated regimes, seed %d", SEED)
        .isGreaterThan((int) (0.9 * RETURNS));
  }

  @Test
  void calibrate_writtenScenario_loadsWithCalmAndCrisisAndTheBaseSections() {
    ResolvedScenario s = ScenarioLoader.loadFile(scenarioFile, Map.of());
    assertThat(s.name()).isEqualTo("two-regime");
    assertThat(s.regimeNames()).containsExactlyInAnyOrder("calm", "crisis");
    assertThat(s.assetNames()).containsExactly(TwoRegimeMarket.ASSETS);
    // from the baseline: its strategies and its depth for us_equity
    ResolvedScenario baseline = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), ScenarioOptions.DEFAULT_CONFIG), Map.of());
    assertThat(s.strategies()).isEqualTo(baseline.strategies());
    assertThat(s.depth()[0]).isEqualTo(baseline.depth()[0]);
  }

  @Test
  void calibrate_twoRegimeHistory_recoversVolsWithin10Percent() {
    ResolvedScenario s = ScenarioLoader.loadFile(scenarioFile, Map.of());
    int n = TwoRegimeMarket.ASSETS.length;
    String[] names = {"calm", "crisis"};
    for (int k = 0; k < 2; k++) {
      int days = history.count(k);
      // The relative standard error of a vol estimated from m normal returns is 1/sqrt(2m):
      // with about 1250 crisis days (a quarter of 5000) it is 2 %, so 10 % is at least 4.5 sigma
      // (false failure odds below 1e-5 per vol), leaving room for a few misclassified days.
      double se = 1 / Math.sqrt(2.0 * days);
      assertThat(0.10).as("10 %% tolerance is >= 4.5 standard errors for %d days", days)
          .isGreaterThanOrEqualTo(4.5 * se);
      int r = s.regimeIndex(names[k]);
      for (int j = 0; j < n; j++) {
        double truth = TwoRegimeMarket.VOL[k * n + j];
        double fitted = s.annualVol()[r * n + j];
        assertThat(Math.abs(fitted / truth - 1))
            .as("%s vol of %s: fitted %.4f, truth %.4f, seed %d", names[k],
                TwoRegimeMarket.ASSETS[j], fitted, truth, SEED)
            .isLessThan(0.10);
      }
    }
  }

  @Test
  void calibrate_writtenScenario_runsInSimulate() {
    ResolvedScenario s = ScenarioLoader.loadFile(scenarioFile, Map.of());
    Path runs = tmp.resolve("runs");
    CliHarness cli = CliHarness.withSpark();
    int code = cli.run("simulate", "--config", scenarioFile.toString(), "--set", "paths=200",
        "--set", "horizon-days=63", "--out", runs.toString());
    assertThat(code).as("stderr:%n%s", cli.err()).isZero();
    long rows = Tables.readRun(SharedSpark.session(), OutputLayout.of(runs.toString()), Table.PATHS,
        "two-regime").count();
    assertThat(rows).isEqualTo(200L * s.strategies().size());
  }

  @Test
  void calibrate_reportAndViterbiOptions_writeWhereAskedWithTheGivenName() throws IOException {
    Path out = tmp.resolve("named/x.conf");
    Path report = tmp.resolve("named/elsewhere/r.txt");
    Path viterbi = tmp.resolve("named/v.csv");
    CliHarness cli = CliHarness.noSpark();
    int code = cli.run("calibrate", "--prices", history.csv().toString(), "--regimes", "1",
        "--out", out.toString(), "--report", report.toString(), "--viterbi", viterbi.toString(),
        "--name", "single", "--frequency", "WEEKLY", "--starts", "1");
    assertThat(code).as("stderr:%n%s", cli.err()).isZero();
    assertThat(report).isRegularFile();
    assertThat(viterbi).isRegularFile();
    assertThat(tmp.resolve("named/x.report.txt")).doesNotExist();
    ResolvedScenario s = ScenarioLoader.loadFile(out, Map.of());
    assertThat(s.name()).isEqualTo("single");
    assertThat(s.regimeNames()).containsExactly("regime-1");
    assertThat(Files.readString(report)).contains("weekly");
  }

  @Test
  void help_listsEveryOptionAndExitCodes() {
    CliHarness cli = CliHarness.noSpark();
    assertThat(cli.run("calibrate", "--help")).isZero();
    for (String option : new String[] {"--prices", "--regimes", "--frequency", "--base", "--out",
        "--report", "--viterbi", "--delimiter", "--date-column", "--date-format", "--missing",
        "--starts", "--seed", "--tolerance", "--max-iterations", "--name"}) {
      assertThat(cli.out()).as(option).contains(option);
    }
    assertThat(cli.out()).contains("Exit codes").contains("stressed");
  }

  // ---- bad input: exit 2, one message, nothing written ----

  /** Runs calibrate into a fresh directory; asserts exit 2, no Spark and that nothing was written. */
  private static String badInput(String name, String... args) throws IOException {
    Path dir = tmp.resolve("bad-" + name);
    List<String> all = new ArrayList<>(List.of("calibrate"));
    all.addAll(Arrays.asList(args));
    if (!all.contains("--out")) {
      all.addAll(List.of("--out", dir.resolve("out.conf").toString()));
    }
    CliHarness cli = CliHarness.noSpark();
    int code = cli.run(all.toArray(new String[0]));
    assertThat(code).as("%s: stderr:%n%s", name, cli.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(cli.sessionRequests).hasValue(0);
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        // only the variant's own prices.csv may be there
        assertThat(files.filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().equals("prices.csv")))
            .as(name).isEmpty();
      }
    }
    assertThat(cli.out()).as(name).doesNotContain("wrote");
    return cli.err();
  }

  /** The good history with {@code transform} applied to its lines, in a fresh directory. */
  private static Path variant(String name, java.util.function.UnaryOperator<List<String>> transform)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad-" + name));
    Path file = dir.resolve("prices.csv");
    Files.write(file, transform.apply(new ArrayList<>(Files.readAllLines(history.csv()))));
    return file;
  }

  @Test
  void calibrate_nonPositivePrice_exit2NamingLineAndValue() throws IOException {
    Path csv = variant("negative", lines -> {
      String[] cells = lines.get(10).split(",");
      cells[2] = "-1.5";
      lines.set(10, String.join(",", cells));
      return lines;
    });
    String err = badInput("negative", "--prices", csv.toString(), "--regimes", "2");
    assertThat(err).contains("line 11").contains("-1.5").contains("positive");
  }

  @Test
  void calibrate_unparseableDate_exit2NamingValueAndFormat() throws IOException {
    Path csv = variant("date", lines -> {
      lines.set(5, lines.get(5).replaceFirst("^[^,]*", "2005/01/07"));
      return lines;
    });
    String err = badInput("date", "--prices", csv.toString(), "--regimes", "2");
    assertThat(err).contains("line 6").contains("2005/01/07").contains("yyyy-MM-dd");
  }

  @Test
  void calibrate_tooFewRowsForK_exit2NamingTheMinimum() throws IOException {
    Path csv = variant("short", lines -> new ArrayList<>(lines.subList(0, 60)));
    String err = badInput("short", "--prices", csv.toString(), "--regimes", "2");
    assertThat(err).contains("2 regimes").contains("at least");
  }

  @Test
  void calibrate_oneAssetOnly_exit2() throws IOException {
    Path csv = variant("one", lines -> {
      List<String> out = new ArrayList<>();
      for (String l : lines) {
        String[] cells = l.split(",");
        out.add(cells[0] + "," + cells[1]);
      }
      return out;
    });
    String err = badInput("one", "--prices", csv.toString(), "--regimes", "2");
    assertThat(err).contains("two assets");
  }

  @Test
  void calibrate_missingPricesFile_exit2NamingTheOption() throws IOException {
    String err = badInput("noprices", "--prices", tmp.resolve("nope.csv").toString(), "--regimes", "2");
    assertThat(err).contains("--prices").contains("nope.csv").contains("not found");
  }

  @Test
  void calibrate_missingBase_exit2NamingTheOption() throws IOException {
    String err = badInput("nobase", "--prices", history.csv().toString(), "--regimes", "2",
        "--base", tmp.resolve("nobase.conf").toString());
    assertThat(err).contains("--base").contains("nobase.conf").contains("not found");
  }

  @Test
  void calibrate_zeroRegimes_exit2NamingTheRule() throws IOException {
    String err = badInput("k0", "--prices", history.csv().toString(), "--regimes", "0");
    assertThat(err).contains("--regimes 0").contains("at least 1");
  }

  @Test
  void calibrate_outUnderAFile_exit2() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    String err = badInput("underfile", "--prices", history.csv().toString(), "--regimes", "2",
        "--out", file.resolve("out.conf").toString());
    assertThat(err).contains("--out").contains("is a file, not a directory");
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  @Test
  void calibrate_outIsADirectory_exit2() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad-outdir/a-directory"));
    String err = badInput("outdir", "--prices", history.csv().toString(), "--regimes", "2",
        "--out", dir.toString());
    assertThat(err).contains("--out").contains("is a directory");
  }

  @Test
  void calibrate_outOverwritesThePrices_exit2AndThePricesAreKept() throws IOException {
    Path csv = variant("overwrite", lines -> lines);
    String before = Files.readString(csv);
    String err = badInput("overwrite", "--prices", csv.toString(), "--regimes", "2",
        "--out", tmp.resolve("bad-overwrite/out.conf").toString(), "--viterbi", csv.toString());
    assertThat(err).contains("--viterbi").contains("input");
    assertThat(Files.readString(csv)).isEqualTo(before);
  }

  @Test
  void calibrate_badFrequency_exit2NamingTheOption() throws IOException {
    String err = badInput("freq", "--prices", history.csv().toString(), "--regimes", "2",
        "--frequency", "monthly");
    assertThat(err).contains("--frequency").contains("monthly").contains("daily or weekly");
  }

  @Test
  void calibrate_unknownColumns_exit0WithoutSixtyFortyAndANoteSayingHowToKeepIt() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("unknown-columns"));
    Path csv = dir.resolve("prices.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(history.csv()));
    lines.set(0, "date,Alpha,BETA,gamma");
    Files.write(csv, lines);
    CliHarness cli = CliHarness.noSpark();

    int code = cli.run("calibrate", "--prices", csv.toString(), "--regimes", "2", "--starts", "1",
        "--out", dir.resolve("plain.conf").toString());

    assertThat(code).as("stderr:%n%s", cli.err()).isZero();
    ResolvedScenario s = ScenarioLoader.loadFile(dir.resolve("plain.conf"), Map.of());
    assertThat(s.assetNames()).containsExactly("Alpha", "BETA", "gamma");
    assertThat(s.strategies()).extracting(StrategyKind::key).doesNotContain("sixty-forty")
        .contains("levered-erc");
    assertThat(cli.out()).contains("note: sixty-forty left out").contains("--class Alpha=equity");

    CliHarness classed = CliHarness.noSpark();
    int kept = classed.run("calibrate", "--prices", csv.toString(), "--regimes", "2", "--starts", "1",
        "--class", "alpha=equity", "--class", "Gamma=bond", "--out", dir.resolve("classed.conf").toString());

    assertThat(kept).as("stderr:%n%s", classed.err()).isZero();
    ResolvedScenario c = ScenarioLoader.loadFile(dir.resolve("classed.conf"), Map.of());
    assertThat(c.strategies()).extracting(StrategyKind::key).contains("sixty-forty");
    assertThat(c.assetClasses()).containsExactly(AssetClass.EQUITY, AssetClass.OTHER, AssetClass.BOND);
  }

  @Test
  void calibrate_classOfAColumnNotInTheFile_exit2NamingIt() throws IOException {
    String err = badInput("class-nocolumn", "--prices", history.csv().toString(), "--regimes", "2",
        "--starts", "1", "--class", "gold=commodity");
    assertThat(err).contains("--class gold=commodity").contains("no column gold");
  }

  @Test
  void calibrate_unknownClass_exit2NamingTheClasses() throws IOException {
    String err = badInput("class-bad", "--prices", history.csv().toString(), "--regimes", "2",
        "--starts", "1", "--class", TwoRegimeMarket.ASSETS[0] + "=stocks");
    assertThat(err).contains("unknown class stocks").contains("equity, bond, credit, commodity, other");
  }

  @Test
  void calibrate_shippedHistoryWithoutAKnowingBase_exit0AndTheWrittenScenarioRuns() throws IOException {
    Path history = Path.of(System.getProperty("unwind.home"), "conf", "history", "etf-daily-2007-2025.csv");
    Path dir = Files.createDirectories(tmp.resolve("etf"));
    CliHarness cli = CliHarness.noSpark();

    int code = cli.run("calibrate", "--prices", history.toString(), "--regimes", "2", "--starts", "2",
        "--out", dir.resolve("etf.conf").toString());

    assertThat(code).as("stderr:%n%s", cli.err()).isZero();
    ResolvedScenario s = ScenarioLoader.loadFile(dir.resolve("etf.conf"), Map.of());
    assertThat(s.assetNames()).containsExactly("SPY", "IEV", "IEF", "TLT", "DBC", "HYG");
    assertThat(s.assetClasses()).containsOnly(AssetClass.OTHER);
    assertThat(s.strategies()).extracting(StrategyKind::key).doesNotContain("sixty-forty");
    assertThat(Files.readString(dir.resolve("etf.conf"))).contains("# sixty-forty left out");
    CliHarness sim = CliHarness.withSpark();
    assertThat(sim.run("simulate", "--config", dir.resolve("etf.conf").toString(), "--set", "paths=50",
        "--set", "horizon-days=21", "--out", dir.resolve("runs").toString()))
        .as("stderr:%n%s", sim.err()).isZero();
    assertThat(Tables.readRun(SharedSpark.session(), OutputLayout.of(dir.resolve("runs").toString()),
        Table.PATHS, "etf").count()).isEqualTo(50L * s.strategies().size());

    CliHarness classed = CliHarness.noSpark();
    int kept = classed.run("calibrate", "--prices", history.toString(), "--regimes", "2", "--starts", "2",
        "--class", "SPY=equity", "--class", "IEV=equity", "--class", "IEF=bond", "--class", "TLT=bond",
        "--class", "DBC=commodity", "--class", "HYG=credit", "--out", dir.resolve("etf-classed.conf").toString());
    assertThat(kept).as("stderr:%n%s", classed.err()).isZero();
    ResolvedScenario c = ScenarioLoader.loadFile(dir.resolve("etf-classed.conf"), Map.of());
    assertThat(c.strategies()).extracting(StrategyKind::key).contains("sixty-forty");
    assertThat(c.assetClasses()).containsExactly(AssetClass.EQUITY, AssetClass.EQUITY, AssetClass.BOND,
        AssetClass.BOND, AssetClass.COMMODITY, AssetClass.CREDIT);
    assertThat(classed.out()).doesNotContain("note: sixty-forty");
  }

  @Test
  void calibrate_meansPremia_stationaryArithmeticMeanIsShortRatePlusPremium() throws IOException {
    Path out = tmp.resolve("premia/premia.conf");
    double[] premium = {0.06, 0.01, 0.02};
    CliHarness cli = CliHarness.noSpark();
    int code = cli.run("calibrate", "--prices", history.csv().toString(), "--regimes", "2",
        "--starts", "1", "--means", "premia", "--shrink", "0.5",
        "--premium", TwoRegimeMarket.ASSETS[0] + "=" + premium[0],
        "--premium", TwoRegimeMarket.ASSETS[1] + "=" + premium[1],
        "--premium", TwoRegimeMarket.ASSETS[2] + "=" + premium[2], "--out", out.toString());
    assertThat(code).as("stderr:%n%s", cli.err()).isZero();

    ResolvedScenario s = ScenarioLoader.loadFile(out, Map.of());
    ResolvedScenario fitted = ScenarioLoader.loadFile(scenarioFile, Map.of());
    int n = s.assetCount();
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (int r = 0; r < s.regimeCount(); r++) {
        double vol = s.annualVol()[r * n + i];
        mean += s.stationary()[r] * (s.annualMean()[r * n + i] + 0.5 * vol * vol);
      }
      // The file keeps 6 significant digits per mean: rounding moves the sum by < 1e-6.
      assertThat(mean).as("asset %d", i)
          .isCloseTo(s.strategy().shortRate() + premium[i], org.assertj.core.api.Assertions.within(1e-6));
      // Half the fitted gap between the two regimes is kept (the same fit: same seed and data).
      int calm = s.regimeIndex("calm");
      int crisis = s.regimeIndex("crisis");
      double fittedGap = fitted.annualMean()[crisis * n + i] - fitted.annualMean()[calm * n + i];
      double gap = s.annualMean()[crisis * n + i] - s.annualMean()[calm * n + i];
      assertThat(gap).isCloseTo(0.5 * fittedGap, org.assertj.core.api.Assertions.within(1e-5));
    }
    assertThat(Files.readString(out)).contains("# Means from long-run premia").doesNotContain("in-sample");
  }

  @Test
  void calibrate_meansPremiaWithoutAPremium_exit2NamingTheAsset() throws IOException {
    // The default base states a premium for every asset of this history: a base without them.
    Path baseline = Path.of(System.getProperty("unwind.home"), ScenarioOptions.DEFAULT_CONFIG);
    Path base = Files.writeString(Files.createDirectories(tmp.resolve("no-premia")).resolve("base.conf"),
        Files.readString(baseline).replaceAll(", premium = [0-9.]+", ""));
    String err = badInput("premia-missing", "--prices", history.csv().toString(), "--regimes", "2",
        "--starts", "1", "--base", base.toString(), "--means", "premia",
        "--premium", TwoRegimeMarket.ASSETS[0] + "=0.05");
    assertThat(err).contains("no premium for").contains(TwoRegimeMarket.ASSETS[1])
        .contains("--premium NAME=X");
  }

  @Test
  void calibrate_meansPremiaFromTheBase_eachAssetsStationaryMeanIsItsBasePremium() throws IOException {
    Path out = tmp.resolve("premia-base/premia.conf");
    CliHarness cli = CliHarness.noSpark();
    int code = cli.run("calibrate", "--prices", history.csv().toString(), "--regimes", "2",
        "--starts", "1", "--means", "premia", "--out", out.toString());
    assertThat(code).as("stderr:%n%s", cli.err()).isZero();

    ResolvedScenario s = ScenarioLoader.loadFile(out, Map.of());
    com.typesafe.config.Config base = com.typesafe.config.ConfigFactory.parseFile(
        Path.of(System.getProperty("unwind.home"), ScenarioOptions.DEFAULT_CONFIG).toFile());
    Map<String, Double> premium = new java.util.HashMap<>();
    for (com.typesafe.config.Config a : base.getConfigList("assets")) {
      premium.put(a.getString("name"), a.getDouble("premium"));
    }
    int n = s.assetCount();
    for (int i = 0; i < n; i++) {
      double mean = 0;
      for (int r = 0; r < s.regimeCount(); r++) {
        double vol = s.annualVol()[r * n + i];
        mean += s.stationary()[r] * (s.annualMean()[r * n + i] + 0.5 * vol * vol);
      }
      assertThat(mean).as(s.assetNames()[i]).isCloseTo(
          s.strategy().shortRate() + premium.get(s.assetNames()[i]),
          org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void calibrate_unknownMeans_exit2NamingTheChoices() throws IOException {
    String err = badInput("means-bad", "--prices", history.csv().toString(), "--regimes", "2",
        "--means", "judgement");
    assertThat(err).contains("--means judgement").contains("fitted or premia");
  }
}
