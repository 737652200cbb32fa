package io.unwind.bench;

import io.unwind.config.ResolvedScenario;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * The levered-ERC model written the way Spark Monte Carlo examples write it: the comparison row
 * of the "15x the textbook approach" target. Deliberately idiomatic rather than tuned, but doing
 * the same per-day work as the kernel's levered-erc strategy:
 *
 * <ul>
 *   <li>regime draw from the daily transition row (inverse CDF on {@code double[][]});</li>
 *   <li>correlated shock by commons-math3 {@link MultivariateNormalDistribution#sample()} of the
 *       regime (one per regime, built once, sharing a Well19937c reseeded per path): Gaussian in
 *       every regime, so the crisis regime's Student-t is not paid for here;</li>
 *   <li>returns, prices, units and haircuts in boxed {@code List<Double>}; prices by
 *       {@link Math#exp}; a new {@code double[][]} EWMA covariance every day;</li>
 *   <li>financing at short rate + regime spread; margin check with procyclical haircuts (a square
 *       root per asset per day); a call sells pro rata once with square-root impact of the crowd's
 *       volume (no multi-round cascade, no impact persistence: cheaper than the kernel);</li>
 *   <li>daily vol check {@code sqrt(x^T S x) / E} against the band; rebalance every 21 days or on a
 *       breach with a naive ERC: cyclical coordinate descent from equal weights on
 *       {@code double[][]}, allocating per sweep, to the same 1e-8 tolerance; leverage
 *       {@code min(L_max, target / vol)}; trading costs in bps.</li>
 * </ul>
 */
final class TextbookModel {
  private static final double DT = 1.0 / 252;

  private final int n;
  private final int regimes;
  private final int horizon;
  private final long seed;
  private final double[][] transition;
  private final double[] stationary;
  private final double[][] drift;
  private final double[][][] annualCov;
  private final double[][] sigmaDaily;
  private final double[] spread;
  private final double[] haircutFloor;
  private final double[] depth;
  private final RandomGenerator rng;
  private final MultivariateNormalDistribution[] shocks;
  private final double lambda;
  private final double volTarget;
  private final double maxLeverage;
  private final double volCeiling;
  private final double shortRate;
  private final double costRate;
  private final double haircutScale;
  private final double buffer;
  private final double crowd;
  private final double impactCoefficient;

  TextbookModel(ResolvedScenario s) {
    n = s.assetCount();
    regimes = s.regimeCount();
    horizon = s.horizonDays();
    seed = s.seed();
    transition = new double[regimes][regimes];
    drift = new double[regimes][n];
    annualCov = new double[regimes][n][n];
    sigmaDaily = new double[regimes][n];
    rng = new Well19937c(seed);
    shocks = new MultivariateNormalDistribution[regimes];
    for (int a = 0; a < regimes; a++) {
      for (int b = 0; b < regimes; b++) {
        transition[a][b] = s.dailyTransition()[a * regimes + b];
      }
      double[][] daily = new double[n][n];
      for (int i = 0; i < n; i++) {
        drift[a][i] = s.dailyDrift()[a * n + i];
        sigmaDaily[a][i] = s.annualVol()[a * n + i] / Math.sqrt(252);
        for (int j = 0; j < n; j++) {
          annualCov[a][i][j] = s.annualCovariance()[a * n * n + i * n + j];
          daily[i][j] = annualCov[a][i][j] / 252;
        }
      }
      shocks[a] = new MultivariateNormalDistribution(rng, new double[n], daily);
    }
    stationary = s.stationary().clone();
    spread = s.fundingSpread().clone();
    haircutFloor = s.haircutFloor().clone();
    depth = s.depth().clone();
    lambda = Math.pow(2.0, -1.0 / s.strategy().ewmaHalflifeDays());
    volTarget = s.strategy().volTarget();
    maxLeverage = s.strategy().maxLeverage();
    volCeiling = volTarget * (1 + s.strategy().volBand());
    shortRate = s.strategy().shortRate();
    costRate = s.strategy().costBps() * 1e-4;
    haircutScale = s.margin().z() * Math.sqrt(s.margin().mporDays() / 252.0);
    buffer = s.margin().buffer();
    crowd = s.market().crowd();
    impactCoefficient = s.market().impactCoefficient();
  }

  /** Simulates one path of the levered ERC strategy; returns terminal equity. */
  double simulate(long pathId) {
    rng.setSeed(seed * 31 + pathId);
    int regime = draw(stationary, rng.nextDouble());
    List<Double> prices = new ArrayList<>();
    List<Double> units = new ArrayList<>();
    double[][] covHat = copy(annualCov[regime]);
    List<Double> w = naiveErc(covHat);
    double leverage = Math.min(maxLeverage, volTarget / volatility(covHat, w));
    for (int i = 0; i < n; i++) {
      prices.add(1.0);
      units.add(leverage * w.get(i));
    }
    double cash = 1 - leverage;
    double equity = 1;
    for (int t = 1; t <= horizon; t++) {
      regime = draw(transition[regime], rng.nextDouble());
      double[] z = shocks[regime].sample();
      List<Double> returns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        returns.add(drift[regime][i] + z[i]);
      }
      for (int i = 0; i < n; i++) {
        prices.set(i, prices.get(i) * Math.exp(returns.get(i)));
      }
      double rate = cash < 0 ? shortRate + spread[regime] : shortRate;
      cash += cash * rate * DT;
      equity = equity(prices, units, cash);

      List<Double> haircuts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        haircuts.add(Math.min(1, Math.max(haircutFloor[i], haircutScale * Math.sqrt(covHat[i][i]))));
      }
      double requirement = 0;
      double gross = 0;
      for (int i = 0; i < n; i++) {
        double value = units.get(i) * prices.get(i);
        requirement += haircuts.get(i) * value;
        gross += value;
      }
      List<Double> observed = new ArrayList<>(returns);
      if (cash < 0 && equity < requirement) {
        double target = (1 + buffer) * requirement;
        double f = Math.min(1, (target - equity) / (target - costRate * gross));
        for (int i = 0; i < n; i++) {
          double sold = f * units.get(i);
          double notional = sold * prices.get(i);
          double impact = impactCoefficient * sigmaDaily[regime][i]
              * Math.sqrt((1 + crowd) * notional / depth[i]);
          double execution = prices.get(i) * Math.exp(-0.5 * impact);
          cash += sold * execution * (1 - costRate);
          units.set(i, units.get(i) - sold);
          prices.set(i, prices.get(i) * Math.exp(-impact));
          observed.set(i, observed.get(i) - impact);
        }
      } else {
        List<Double> exposure = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          exposure.add(units.get(i) * prices.get(i));
        }
        double bookVol = volatility(covHat, exposure) / equity;
        if (bookVol > volCeiling || t % 21 == 0) {
          w = naiveErc(covHat);
          leverage = Math.min(maxLeverage, volTarget / volatility(covHat, w));
          for (int i = 0; i < n; i++) {
            double trade = leverage * equity * w.get(i) / prices.get(i) - units.get(i);
            double notional = Math.abs(trade) * prices.get(i);
            cash -= trade * prices.get(i) + notional * costRate;
            units.set(i, units.get(i) + trade);
          }
        }
      }
      // EWMA on annualised observed returns, a fresh matrix every day.
      double[][] next = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          next[i][j] = lambda * covHat[i][j]
              + (1 - lambda) * observed.get(i) * observed.get(j) * 252;
        }
      }
      covHat = next;
      equity = equity(prices, units, cash);
      if (equity <= 0) {
        return 0;
      }
    }
    return equity;
  }

  private double equity(List<Double> prices, List<Double> units, double cash) {
    double e = cash;
    for (int i = 0; i < n; i++) {
      e += units.get(i) * prices.get(i);
    }
    return e;
  }

  private static int draw(double[] p, double u) {
    double c = 0;
    for (int j = 0; j < p.length; j++) {
      c += p[j];
      if (u < c) {
        return j;
      }
    }
    return p.length - 1;
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  private double volatility(double[][] cov, List<Double> x) {
    double[] sx = new double[n];
    double v = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sx[i] += cov[i][j] * x.get(j);
      }
      v += x.get(i) * sx[i];
    }
    return Math.sqrt(v);
  }

  /** Cyclical coordinate descent (Griveau-Billion et al. 2013) from equal weights. */
  private List<Double> naiveErc(double[][] cov) {
    double[] y = new double[n];
    java.util.Arrays.fill(y, 1.0 / n);
    double b = 1.0 / n;
    for (int sweep = 0; sweep < 10_000; sweep++) {
      for (int i = 0; i < n; i++) {
        double c = 0;
        for (int j = 0; j < n; j++) {
          if (j != i) {
            c += cov[i][j] * y[j];
          }
        }
        y[i] = (-c + Math.sqrt(c * c + 4 * cov[i][i] * b)) / (2 * cov[i][i]);
      }
      double[] sy = new double[n];
      double total = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          sy[i] += cov[i][j] * y[j];
        }
        total += y[i] * sy[i];
      }
      double worst = 0;
      for (int i = 0; i < n; i++) {
        worst = Math.max(worst, Math.abs(y[i] * sy[i] / total - b));
      }
      if (worst <= 1e-8) {
        break;
      }
    }
    double sum = 0;
    for (double v : y) {
      sum += v;
    }
    List<Double> w = new ArrayList<>(n);
    for (double v : y) {
      w.add(v / sum);
    }
    return w;
  }
}
