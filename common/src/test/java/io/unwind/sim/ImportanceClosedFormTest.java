package io.unwind.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.SamplingSettings;
import io.unwind.metrics.ProportionEstimate;
import io.unwind.metrics.TailEstimate;
import io.unwind.metrics.TailEstimates;
import io.unwind.metrics.WeightedMomentAccumulator;
import io.unwind.metrics.WeightedTailAccumulator;
import io.unwind.model.RegimeChain;
import io.unwind.rng.PathRandom;
import org.junit.jupiter.api.Test;

/**
 * Importance sampling against a closed form: two regimes, a loss that depends only on the regime
 * path (the share of the year spent in crisis), whose exact distribution a dynamic programme over
 * (regime, crisis days) gives. The regime chain is drawn as the kernel draws it (one uniform for
 * the initial regime, one a day, from the sampling matrix) and weighted with the sampling
 * settings' log ratios; the weighted estimators must cover the exact answers at their nominal
 * rate, and beat plain sampling's intervals at equal paths.
 */
class ImportanceClosedFormTest {

  private static final int HORIZON = 252;
  private static final double LEVEL = 0.99;
  private static final int PATHS = 2000;
  private static final int REPLICATIONS = 200;

  @Test
  void importance_closedFormTail_intervalsCoverAndBeatPlain() {
    ResolvedScenario plain = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = " + HORIZON);
    ResolvedScenario tilted = KernelScenarios.load(KernelScenarios.TWO_REGIMES,
        "horizon-days = " + HORIZON, "sampling.method = importance", "sampling.tilt = given",
        "sampling.entry.crisis = 2", "sampling.stay.crisis = 1.5");
    int crisis = plain.regimeIndex("crisis");
    double[] exact = exactDistribution(plain, crisis);
    double var = exactVar(exact, LEVEL);
    double es = exactEs(exact, LEVEL, var);
    double threshold = var;
    double beyond = 0;
    for (int c = 0; c <= HORIZON; c++) {
      beyond += c / (double) HORIZON > threshold ? exact[c] : 0.0;
    }

    int esCovered = 0;
    int probCovered = 0;
    int weightCovered = 0;
    double tiltedWidth2 = 0;
    double plainWidth2 = 0;
    for (int rep = 0; rep < REPLICATIONS; rep++) {
      long seed = 1000L + rep;
      Estimates is = estimate(tilted.sampling(), plain, crisis, seed, threshold);
      Estimates mc = estimate(plain.sampling(), plain, crisis, seed, threshold);
      TailEstimate e = is.tail.es(LEVEL);
      esCovered += e.ciLow() <= es && es <= e.ciHigh() ? 1 : 0;
      ProportionEstimate p = is.beyond.proportion();
      probCovered += p.ciLow() <= beyond && beyond <= p.ciHigh() ? 1 : 0;
      double mw = is.weights.meanWeight();
      double se = is.weights.meanWeightStandardError();
      weightCovered += Math.abs(mw - 1.0) <= 1.959963984540054 * se ? 1 : 0;
      double wi = e.ciHigh() - e.ciLow();
      double wp = mc.tail.es(LEVEL).ciHigh() - mc.tail.es(LEVEL).ciLow();
      tiltedWidth2 += wi * wi;
      plainWidth2 += Double.isFinite(wp) ? wp * wp : Double.NaN;
    }
    String summary = String.format("exact VaR %.4f ES %.5f P(L > VaR) %.5f; coverage of ES %d,"
        + " of P %d, of mean weight 1 %d in %d; ES variance reduction %.2f", var, es, beyond,
        esCovered, probCovered, weightCovered, REPLICATIONS, plainWidth2 / tiltedWidth2);
    System.out.println(summary);
    // Coverage counts of 95 % intervals over 200 seeds (1000..1199) ~ Binomial(200, 0.95): mean
    // 190, sd 3.1. Below 178 happens by chance with probability 1.9e-4 per count and 200 of 200
    // with 3.5e-5 (exact binomial tails), so the three counts fail together by chance about 7 in
    // 10,000 runs; an interval whose true coverage is 90 % fails one run in four, 85 % nearly
    // always. Measured at these seeds: 189, 185, 192.
    assertThat(esCovered).as(summary).isBetween(178, 199);
    assertThat(probCovered).as(summary).isBetween(178, 199);
    assertThat(weightCovered).as(summary).isBetween(178, 199);
    // At equal paths the tilted intervals are narrower: measured 19.9x in variance at these seeds
    // (the ratio of mean squared 95 % widths over 200 seeds moves by a few percent between seed
    // sets), so 5 fails only if the tilt stopped working.
    assertThat(plainWidth2 / tiltedWidth2).as(summary).isGreaterThan(5.0);
  }

  private record Estimates(TailEstimates tail, WeightedMomentAccumulator beyond,
      WeightedMomentAccumulator weights) {
  }

  private static Estimates estimate(SamplingSettings sampling, ResolvedScenario scenario,
      int crisis, long seed, double threshold) {
    int k = scenario.regimeCount();
    WeightedTailAccumulator tail = WeightedTailAccumulator.of(PATHS, LEVEL);
    WeightedMomentAccumulator beyond = new WeightedMomentAccumulator();
    WeightedMomentAccumulator weights = new WeightedMomentAccumulator();
    for (long id = 0; id < PATHS; id++) {
      PathRandom random = PathRandom.forPath(seed, id);
      int s = RegimeChain.draw(sampling.initial(), random.nextUniform());
      double logWeight = sampling.initialLogRatio()[s];
      int days = 0;
      for (int t = 1; t <= HORIZON; t++) {
        int next = RegimeChain.next(sampling.transition(), k, s, random.nextUniform());
        logWeight += sampling.logRatio()[s * k + next];
        s = next;
        days += s == crisis ? 1 : 0;
      }
      double loss = days / (double) HORIZON;
      double w = Math.exp(logWeight);
      tail.accept(loss, w, id);
      beyond.acceptEvent(loss > threshold, w);
      weights.accept(1.0, w);
    }
    return new Estimates(tail.finish(), beyond, weights);
  }

  /** P(crisis days = c), c = 0..H, s_0 from the stationary distribution, days 1..H counted. */
  private static double[] exactDistribution(ResolvedScenario s, int crisis) {
    int k = s.regimeCount();
    double[] p = s.dailyTransition();
    double[][] f = new double[k][HORIZON + 1];
    for (int r = 0; r < k; r++) {
      f[r][0] = s.stationary()[r];
    }
    for (int t = 1; t <= HORIZON; t++) {
      double[][] g = new double[k][HORIZON + 1];
      for (int from = 0; from < k; from++) {
        for (int c = 0; c < t; c++) {
          double mass = f[from][c];
          if (mass == 0) {
            continue;
          }
          for (int to = 0; to < k; to++) {
            g[to][c + (to == crisis ? 1 : 0)] += mass * p[from * k + to];
          }
        }
      }
      f = g;
    }
    double[] out = new double[HORIZON + 1];
    for (int r = 0; r < k; r++) {
      for (int c = 0; c <= HORIZON; c++) {
        out[c] += f[r][c];
      }
    }
    return out;
  }

  private static double exactVar(double[] dist, double level) {
    double cdf = 0;
    for (int c = 0; c <= HORIZON; c++) {
      cdf += dist[c];
      if (cdf >= level) {
        return c / (double) HORIZON;
      }
    }
    return 1.0;
  }

  private static double exactEs(double[] dist, double level, double var) {
    double excess = 0;
    for (int c = 0; c <= HORIZON; c++) {
      excess += dist[c] * Math.max(0.0, c / (double) HORIZON - var);
    }
    return var + excess / (1.0 - level);
  }
}
