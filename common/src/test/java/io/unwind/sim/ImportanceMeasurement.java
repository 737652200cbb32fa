package io.unwind.sim;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.SamplingSettings;
import io.unwind.config.ScenarioLoader;
import io.unwind.config.StrategyKind;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedMomentAccumulator;
import io.unwind.metrics.WeightedTailAccumulator;
import io.unwind.model.CorrelatedShocks;
import io.unwind.model.DailyExp;
import io.unwind.rng.PathRandom;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measurement for the issue-19 note, not a test: plain against importance sampling of
 * levered-erc's loss tail on a scenario file (default {@code conf/baseline.conf}), kernel only,
 * one thread. Per sampling: ES_0.99 and ES_0.999 with their 95 % intervals, P(loss > plain VaR
 * 0.999), the effective sample size, and the kernel time per path; the variance-reduction factor
 * is the plain interval's squared width over the tilted one's at equal paths. Then how much of the
 * tail is decided by the regime path at all: outer regime paths each re-run with fresh shocks;
 * then the shock shift ({@code sampling.shock-shift}) alone and on the pilot's regime chain
 * ({@code -DshockOnly=1} runs only plain and those).
 *
 * <p>{@code java -cp common/target/classes:common/target/test-classes:<deps>
 * io.unwind.sim.ImportanceMeasurement [paths] [outer] [inner] [conf] [key=value ...]}
 */
public final class ImportanceMeasurement {

  private ImportanceMeasurement() {
  }

  record Run(String name, TailEstimates tail, ProportionEstimate beyond, double ess,
      double meanWeight, double nanosPerPath) {
  }

  public static void main(String[] args) {
    int paths = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int outer = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int inner = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path conf = Path.of(args.length > 3 ? args[3] : "conf/baseline.conf");
    Map<String, String> base = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      base.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    ResolvedScenario plain = load(conf, base, Map.of());
    Run p = run("plain", plain, paths, Double.NaN);
    double var999 = p.tail.var(0.999).value();
    p = run("plain", plain, paths, var999);
    print(p, p);
    if (System.getProperty("replicate") != null) {
      replicate(conf, base, paths, Integer.parseInt(System.getProperty("replicate")),
          System.getProperty("shift", "0.035"),
          Double.parseDouble(System.getProperty("threshold", Double.toString(var999))));
      return;
    }
    if (System.getProperty("shockOnly") != null) {
      shockTilts(conf, base, paths, p, var999);
      return;
    }
    List<Map<String, String>> tilts = List.of(
        Map.of("sampling.method", "importance"),
        Map.of("sampling.method", "importance", "sampling.tilt", "given",
            "sampling.entry.crisis", "1.25", "sampling.entry.inflation-shock", "1.25"),
        Map.of("sampling.method", "importance", "sampling.tilt", "given",
            "sampling.entry.crisis", "1.5", "sampling.stay.crisis", "1.2",
            "sampling.entry.inflation-shock", "1.5", "sampling.stay.inflation-shock", "1.2"),
        Map.of("sampling.method", "importance", "sampling.tilt", "given",
            "sampling.entry.crisis", "3", "sampling.entry.inflation-shock", "3"),
        Map.of("sampling.method", "importance", "sampling.tilt", "given",
            "sampling.entry.crisis", "2", "sampling.stay.crisis", "1.5",
            "sampling.entry.inflation-shock", "2", "sampling.stay.inflation-shock", "1.5"),
        Map.of("sampling.method", "importance", "sampling.tilt", "auto"));
    for (Map<String, String> tilt : tilts) {
      ResolvedScenario s = load(conf, base, tilt);
      long start = System.nanoTime();
      s = CrossEntropyPilot.tune(s);
      double pilotSeconds = (System.nanoTime() - start) / 1e9;
      Run r = run(tilt.toString(), s, paths, var999);
      print(r, p);
      if (tilt.containsValue("auto")) {
        System.out.printf("  pilot %.1f s; q (daily, rows from, regimes %s):%n", pilotSeconds,
            String.join(",", s.regimeNames()));
        int k = s.regimeCount();
        for (int a = 0; a < k; a++) {
          StringBuilder row = new StringBuilder("   ");
          for (int b = 0; b < k; b++) {
            row.append(String.format(" %.5f(p %.5f)", s.sampling().transition()[a * k + b],
                s.dailyTransition()[a * k + b]));
          }
          System.out.println(row);
        }
      }
    }
    withinRegimes(plain, outer, inner, p.tail.var(0.99).value());
    shockTilts(conf, base, paths, p, var999);
  }

  /**
   * The variance-reduction factor from the spread of the estimates over seeds (not from interval
   * widths): {@code replications} runs of {@code paths} paths each way; the pilot's q is found
   * once (at the file's seed) and reused at every seed. Also how wide the weighted intervals are
   * against the spread they should cover.
   */
  static void replicate(Path conf, Map<String, String> base, int paths, int replications,
      String shift, double threshold) {
    ResolvedScenario tuned = CrossEntropyPilot.tune(load(conf, base, Map.of("sampling.method",
        "importance", "sampling.tilt", "auto", "sampling.shock-shift", shift)));
    double[] q = tuned.sampling().transition();
    double[][] plainValues = new double[3][replications];
    double[][] tiltedValues = new double[3][replications];
    double[] tiltedHalfWidth2 = new double[3];
    double plainNanos = 0;
    double tiltedNanos = 0;
    for (int rep = 0; rep < replications; rep++) {
      Map<String, String> seed = Map.of("seed", Long.toString(9000 + rep));
      ResolvedScenario plain = load(conf, base, seed);
      ResolvedScenario tilted = load(conf, base, Map.of("seed", Long.toString(9000 + rep),
          "sampling.method", "importance", "sampling.tilt", "given", "sampling.shock-shift",
          shift)).withTransition(SamplingSettings.PILOT, tuned.sampling().entry(),
          tuned.sampling().stay(), q);
      if (tuned.sampling().shiftVectors() != null) {
        tilted = tilted.withShiftVectors(tuned.sampling().shiftVectors());
      }
      Run a = run("plain", plain, paths, threshold);
      Run b = run("tilted", tilted, paths, threshold);
      plainNanos += a.nanosPerPath / replications;
      tiltedNanos += b.nanosPerPath / replications;
      int m = 0;
      for (double level : new double[] {0.99, 0.999}) {
        plainValues[m][rep] = a.tail.es(level).value();
        tiltedValues[m][rep] = b.tail.es(level).value();
        double h = (b.tail.es(level).ciHigh() - b.tail.es(level).ciLow()) / 2 / 1.96;
        tiltedHalfWidth2[m++] += h * h / replications;
      }
      plainValues[2][rep] = a.beyond.value();
      tiltedValues[2][rep] = b.beyond.value();
      double h = (b.beyond.ciHigh() - b.beyond.ciLow()) / 2 / 1.96;
      tiltedHalfWidth2[2] += h * h / replications;
    }
    String[] names = {"ES 0.99", "ES 0.999",
        String.format("P(loss > plain VaR 0.999 = %.4f)", threshold)};
    System.out.printf("kernel time per path: plain %.0f us, tilted %.0f us (ratio %.3f)%n",
        plainNanos / 1e3, tiltedNanos / 1e3, tiltedNanos / plainNanos);
    for (int m = 0; m < 3; m++) {
      double vp = variance(plainValues[m]);
      double vt = variance(tiltedValues[m]);
      System.out.printf("%s over %d seeds x %d paths: plain mean %.4f sd %.4f, tilted (pilot q,"
          + " shock-shift %s) mean %.4f sd %.4f: variance reduction %.1f; tilted interval's se"
          + " %.4f against the seeds' sd %.4f%n", names[m], replications, paths,
          mean(plainValues[m]), Math.sqrt(vp), shift, mean(tiltedValues[m]), Math.sqrt(vt),
          vp / vt, Math.sqrt(tiltedHalfWidth2[m]), Math.sqrt(vt));
      System.out.printf("  precision per core-second (1/(variance x time per path)): %.1f x%n",
          vp * plainNanos / (vt * tiltedNanos));
    }
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return s / (x.length - 1);
  }

  /** The kernel's shock shift (sampling.shock-shift), alone and with the pilot's regime chain. */
  static void shockTilts(Path conf, Map<String, String> base, int paths, Run plain,
      double var999) {
    Run tiny = run("shock-shift 1e-9 (the shift's arithmetic on the plain paths)",
        load(conf, base, Map.of("sampling.method", "importance", "sampling.tilt", "given",
            "sampling.shock-shift", "1e-9")), paths, var999);
    print(tiny, plain);
    for (String theta : new String[] {"0.02", "0.035", "0.05"}) {
      Run given = run("shock-shift " + theta + ", regimes untilted", load(conf, base,
          Map.of("sampling.method", "importance", "sampling.tilt", "given",
              "sampling.shock-shift", theta)), paths, var999);
      print(given, plain);
      ResolvedScenario auto = CrossEntropyPilot.tune(load(conf, base, Map.of("sampling.method",
          "importance", "sampling.tilt", "auto", "sampling.shock-shift", theta)));
      print(run("shock-shift " + theta + ", pilot's regime chain", auto, paths, var999), plain);
    }
  }

  private static ResolvedScenario load(Path conf, Map<String, String> base,
      Map<String, String> tilt) {
    Map<String, String> set = new LinkedHashMap<>(base);
    set.putAll(tilt);
    return ScenarioLoader.loadFile(conf, set).withStrategies(List.of(StrategyKind.LEVERED_ERC));
  }

  private static Run run(String name, ResolvedScenario s, int paths, double threshold) {
    PathSimulator sim = new PathSimulator(s);
    PathWorkspace ws = sim.newWorkspace();
    WeightedTailAccumulator tail = WeightedTailAccumulator.of(paths, 0.99, 0.999);
    WeightedMomentAccumulator beyond = new WeightedMomentAccumulator();
    for (long id = 0; id < 1000; id++) {
      sim.simulate(-1 - id, ws); // warm-up, not measured
    }
    long start = System.nanoTime();
    for (long id = 0; id < paths; id++) {
      sim.simulate(id, ws);
      double w = Math.exp(ws.logWeight());
      double loss = ws.result(0).loss();
      tail.accept(loss, w, id);
      beyond.acceptEvent(loss > threshold, w);
    }
    double nanos = (System.nanoTime() - start) / (double) paths;
    return new Run(name, tail.finish(), Double.isNaN(threshold) ? null : beyond.proportion(),
        beyond.effectiveSampleSize(), beyond.meanWeight(), nanos);
  }

  private static void print(Run r, Run plain) {
    System.out.printf("%s: %.0f us/path (x%.3f), ESS %.0f, mean weight %.3f%n", r.name,
        r.nanosPerPath / 1e3, r.nanosPerPath / plain.nanosPerPath, r.ess, r.meanWeight);
    for (double level : new double[] {0.99, 0.999}) {
      var e = r.tail.es(level);
      var pe = plain.tail.es(level);
      double w = e.ciHigh() - e.ciLow();
      double wp = pe.ciHigh() - pe.ciLow();
      System.out.printf("  ES %.3f = %.4f [%.4f, %.4f] VaR %.4f; VRF %.2f%n", level, e.value(),
          e.ciLow(), e.ciHigh(), r.tail.var(level).value(), wp * wp / (w * w));
    }
    double w = r.beyond.ciHigh() - r.beyond.ciLow();
    double wp = plain.beyond.ciHigh() - plain.beyond.ciLow();
    System.out.printf("  P(loss > plain VaR 0.999) = %.5f [%.5f, %.5f]; VRF %.2f%n",
        r.beyond.value(), r.beyond.ciLow(), r.beyond.ciHigh(), wp * wp / (w * w));
  }

  /**
   * How much of the 99 % tail the regime path decides: outer regime paths (plain), each re-run
   * with {@code inner} fresh shock draws; h(R) = P(loss > VaR | R). Between = Var(h), within =
   * E[h (1 - h)]; the best any tilt of the regime path alone can do for P(loss > VaR) has
   * per-path variance (E sqrt h)^2 - P^2 (the optimal q(R) is p(R) sqrt h(R)), against plain
   * P (1 - P).
   */
  private static void withinRegimes(ResolvedScenario s, int outer, int inner, double var) {
    PathSimulator sim = new PathSimulator(s);
    PathWorkspace ws = sim.newWorkspace();
    int n = s.assetCount();
    int horizon = s.horizonDays();
    int[] regimes = new int[horizon + 1];
    double[] prices = new double[(horizon + 1) * n];
    double[] returns = new double[horizon * n];
    double[] shock = new double[n];
    double[] correlated = new double[n];
    double sumH = 0;
    double sumH2 = 0;
    double sumSqrtH = 0;
    for (int o = 0; o < outer; o++) {
      sim.simulate(o, ws);
      for (int t = 0; t <= horizon; t++) {
        regimes[t] = ws.regime(t);
      }
      int hits = 0;
      for (int i = 0; i < inner; i++) {
        PathRandom random = PathRandom.forPath(s.seed() + 1, (long) o * inner + i);
        for (int a = 0; a < n; a++) {
          prices[a] = 1.0;
        }
        for (int t = 1; t <= horizon; t++) {
          int r = regimes[t];
          random.nextShocks(s.dof()[r], shock, 0, n);
          CorrelatedShocks.apply(s.dailyCholesky(), r * n * n, n, shock, correlated);
          for (int a = 0; a < n; a++) {
            double x = s.dailyDrift()[r * n + a] + correlated[a];
            returns[(t - 1) * n + a] = x;
            prices[t * n + a] = prices[(t - 1) * n + a] * DailyExp.exp(x);
          }
        }
        ws.setMarket(regimes, prices, returns);
        sim.runStrategies(-1, ws, false);
        hits += ws.result(0).loss() > var ? 1 : 0;
      }
      double h = hits / (double) inner;
      sumH += h;
      sumH2 += h * h;
      sumSqrtH += Math.sqrt(h);
    }
    double pBar = sumH / outer;
    // h is estimated from `inner` draws: E[h^(1 - h^)] = E[h(1 - h)] (inner - 1) / inner, and
    // Var(h^) = Var(h) + E[h(1 - h)] / inner; corrected for both.
    double within = (pBar - sumH2 / outer) * inner / (inner - 1.0);
    double between = Math.max(0.0, sumH2 / outer - pBar * pBar - within / inner);
    double eSqrt = sumSqrtH / outer;
    System.out.printf("within regimes (%d regime paths x %d shock draws), tail = loss > %.4f:"
        + " P %.4f, between-regime-path variance %.5f, within %.5f (share within %.2f);"
        + " best regime-only tilt VRF for P about %.1f (plain P(1-P) / ((E sqrt h)^2 - P^2))%n",
        outer, inner, var, pBar, between, within, within / (between + within),
        pBar * (1 - pBar) / (eSqrt * eSqrt - pBar * pBar));
  }
}
