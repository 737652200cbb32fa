package io.unwind.config;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The {@code sampling} section resolved: under which regime chain the paths are drawn, and the
 * log likelihood ratios that weight them back to the scenario's chain.
 *
 * <p>Plain sampling draws from the scenario's daily transition matrix p; importance sampling from
 * a tilted matrix q with {@code q > 0} wherever {@code p > 0}. The initial regime, when it is drawn
 * (not fixed by {@code initial-regime}), comes from q's stationary distribution. A path's log
 * weight is {@code log(pi_p(s_0) / pi_q(s_0)) + sum_t log(p(s_{t-1}, s_t) / q(s_{t-1}, s_t))}: the
 * kernel adds the precomputed {@link #logRatio} entry of each day's transition, so
 * {@code E_q[exp(logWeight) f(path)] = E_p[f(path)]} for every function of the path. Under plain
 * sampling {@code q} is p itself (the same array) and every ratio is 0.0, so the draws and the
 * numbers are bit for bit those of a scenario without the section. With a shock shift the
 * standard normals of every day are drawn with mean {@code -shockShift * d_s} ({@code d_s} the
 * unit direction in which regime s's ERC book loses), or, when the pilot has fitted them, with
 * mean {@code -a_s} ({@link #shiftVectors}); the day adds {@code a_s . z' + |a_s|^2 / 2} to the
 * log weight ({@code a_s = shockShift * d_s} for the fixed direction).
 *
 * @param method plain or importance
 * @param tilt where q comes from: {@code none} (plain), {@code volatile}, {@code given} or
 *     {@code auto} (the cross-entropy pilot; until it has run, q = p and {@link #needsPilot()})
 * @param entry K multipliers of the exit weights into each regime (1 = untilted); NaN when q is
 *     not of this form (a pilot's matrix)
 * @param stay K multipliers of each regime's expected stay (1 = untilted); NaN as above
 * @param transition K x K row-major daily transition matrix q the chain is drawn from
 * @param initial K distribution the initial regime is drawn from (q's stationary distribution)
 * @param logRatio K x K {@code log(p / q)} per transition, 0 where p = 0
 * @param initialLogRatio K {@code log(pi_p / pi_q)} per initial regime (0 when it is fixed)
 * @param pilot the cross-entropy pilot's settings (used only by {@code tilt = auto})
 * @param shockShift under importance, the daily mean shift of the standard normal shocks along
 *     the direction in which the regime's ERC book loses (0 = shocks untilted; always 0 under
 *     plain sampling); the pilot's starting magnitude when it fits {@link #shiftVectors}
 * @param shiftVectors K x n per-regime mean shifts {@code a_s} of the standard normals (drawn with
 *     mean {@code -a_s}) as the cross-entropy pilot fitted them; {@code null} for the fixed
 *     direction {@code shockShift * d_s}
 */
public record SamplingSettings(
    Method method,
    String tilt,
    double[] entry,
    double[] stay,
    double[] transition,
    double[] initial,
    double[] logRatio,
    double[] initialLogRatio,
    Pilot pilot,
    double shockShift,
    double[] shiftVectors) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** How the market paths are sampled. */
  public enum Method implements Keyed {
    /** Plain Monte Carlo under the scenario's chain: every path weighs 1. */
    PLAIN("plain"),
    /** The regime chain under a tilted matrix, each path weighted by its likelihood ratio. */
    IMPORTANCE("importance");

    private final String key;

    Method(String key) {
      this.key = key;
    }

    /** The name used in scenario files ({@code sampling.method}). */
    @Override
    public String key() {
      return key;
    }

    /** The method spelled {@code key} in scenario files, or {@code null}. */
    public static Method fromKey(String key) {
      return Keyed.fromKey(Method.class, key);
    }
  }

  /** {@code tilt} of plain sampling. */
  public static final String NONE = "none";
  /** {@code tilt = volatile}: the most volatile regime is entered more often. */
  public static final String VOLATILE = "volatile";
  /** {@code tilt = given}: the user's entry and stay multipliers. */
  public static final String GIVEN = "given";
  /** {@code tilt = auto}: the cross-entropy pilot picks q. */
  public static final String AUTO = "auto";
  /** {@code tilt} of a q set by the pilot. */
  public static final String PILOT = "pilot";
  /** The {@code tilt} values a scenario file may give. */
  static final java.util.List<String> TILTS = java.util.List.of(VOLATILE, GIVEN, AUTO);

  /**
   * The cross-entropy pilot's settings.
   *
   * @param paths pilot paths per iteration
   * @param level the subject's loss tail the tilt aims at (the elite are the paths beyond it)
   * @param iterations cross-entropy iterations
   * @param smoothing weight of the new estimate against the previous q, in (0, 1]
   */
  public record Pilot(int paths, double level, int iterations, double smoothing)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** Plain sampling from {@code transition} (shared, not copied) and its {@code stationary}. */
  public static SamplingSettings plain(double[] transition, double[] stationary, Pilot pilot) {
    int k = stationary == null ? 0 : stationary.length;
    double[] ones = new double[k];
    Arrays.fill(ones, 1.0);
    return new SamplingSettings(Method.PLAIN, NONE, ones, ones.clone(), transition, stationary,
        new double[k * k], new double[k], pilot, 0.0, null);
  }

  /**
   * Importance sampling from q: the log ratios against p are formed here.
   *
   * @param p the scenario's daily transition matrix
   * @param pStationary the scenario's initial distribution
   * @param q the tilted matrix, {@code q > 0} wherever {@code p > 0}
   * @param qStationary q's initial distribution, positive wherever {@code pStationary} is
   * @param initialFixed whether the initial regime is fixed (it then carries no ratio)
   * @throws IllegalArgumentException when q is 0 where p is not: the ratio would be infinite
   */
  public static SamplingSettings importance(String tilt, double[] entry, double[] stay,
      double[] p, double[] pStationary, double[] q, double[] qStationary, boolean initialFixed,
      Pilot pilot, double shockShift) {
    int k = pStationary.length;
    double[] logRatio = new double[k * k];
    for (int j = 0; j < k * k; j++) {
      logRatio[j] = ratio(p[j], q[j], "transition " + j / k + " -> " + j % k);
    }
    double[] initialLogRatio = new double[k];
    if (!initialFixed) {
      for (int s = 0; s < k; s++) {
        initialLogRatio[s] = ratio(pStationary[s], qStationary[s], "initial regime " + s);
      }
    }
    return new SamplingSettings(Method.IMPORTANCE, tilt, entry, stay, q, qStationary, logRatio,
        initialLogRatio, pilot, shockShift, null);
  }

  /** These settings with the shocks shifted by {@code vectors} (K x n, copied), as the pilot fits. */
  public SamplingSettings withShiftVectors(double[] vectors) {
    return new SamplingSettings(method, tilt, entry, stay, transition, initial, logRatio,
        initialLogRatio, pilot, shockShift, vectors.clone());
  }

  private static double ratio(double p, double q, String what) {
    if (p == 0.0) {
      return 0.0;
    }
    if (!(q > 0.0)) {
      throw new IllegalArgumentException("Cannot sample " + what + " with probability " + q
          + " where the scenario gives it " + p + ": the likelihood ratio would be infinite");
    }
    return Math.log(p / q);
  }

  /**
   * What sampling ran, as one line for the {@code runs} table: {@code plain}, or
   * {@code importance} with the tilt's source, its entry and stay multipliers (when it has them),
   * the shock shift and the daily matrix q in full precision (rows = from, regimes in index
   * order), so a pilot's tilt can be read back and a run repeated with it.
   */
  public String describe() {
    if (!isWeighted()) {
      return "plain";
    }
    StringBuilder b = new StringBuilder("importance tilt=").append(tilt);
    if (entry != null && entry.length > 0 && !Double.isNaN(entry[0])) {
      b.append(" entry=").append(Arrays.toString(entry)).append(" stay=")
          .append(Arrays.toString(stay));
    }
    b.append(" shock-shift=").append(shockShift);
    int k = initial.length;
    if (shiftVectors != null) {
      int n = shiftVectors.length / k;
      b.append(" shift=[");
      for (int s = 0; s < k; s++) {
        b.append(s == 0 ? "" : ", ")
            .append(Arrays.toString(Arrays.copyOfRange(shiftVectors, s * n, (s + 1) * n)));
      }
      b.append(']');
    }
    b.append(" q=[");
    for (int s = 0; s < k; s++) {
      b.append(s == 0 ? "" : ", ")
          .append(Arrays.toString(Arrays.copyOfRange(transition, s * k, (s + 1) * k)));
    }
    return b.append(']').toString();
  }

  /** Whether paths carry weights (importance sampling). */
  public boolean isWeighted() {
    return method == Method.IMPORTANCE;
  }

  /** Whether {@code tilt = auto} still waits for the pilot to set q. */
  public boolean needsPilot() {
    return AUTO.equals(tilt);
  }
}
