package io.unwind.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mergeable histogram over fixed bins {@code [e_i, e_{i+1})}, with underflow and overflow bins.
 *
 * <p>The edges are fixed before any data are seen and do not depend on the scenario, so that
 * histograms of different runs line up and parts merge by adding counts (exact,
 * order-independent). Three rules:
 * <ul>
 *   <li>{@link #integers(int)}: one bin per integer 0..max, for cascade rounds;
 *   <li>{@link #logSpaced(int, int, int)}: a bin {@code [0, 10^from)} then {@code binsPerDecade}
 *       log-spaced bins per decade up to {@code 10^to}, for non-negative amounts such as forced
 *       sales and impact cost (fractions of start equity) whose scale spans decades;
 *   <li>{@link #withEdges(double...)}: any strictly increasing edges.
 * </ul>
 * Not thread-safe.
 */
public final class HistogramAccumulator implements Mergeable<HistogramAccumulator> {

  private static final long serialVersionUID = 1L;

  private final double[] edges;
  /** counts[0] underflow, counts[1..B] the regular bins, counts[B+1] overflow. */
  private final long[] counts;
  private long total;
  /** Per slot, the exact sum of the weights; null until a weighted value is accepted. */
  private ExactSum[] weights;

  private HistogramAccumulator(double[] edges) {
    this.edges = edges;
    this.counts = new long[edges.length + 1];
  }

  /**
   * Integer bins {@code [i, i+1)} for i = 0..max; larger values go to the overflow bin.
   *
   * @param max the largest integer with its own bin, at least 0
   */
  public static HistogramAccumulator integers(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("Cannot set max to " + max + ", must be >= 0");
    }
    double[] e = new double[max + 2];
    for (int i = 0; i < e.length; i++) {
      e[i] = i;
    }
    return new HistogramAccumulator(e);
  }

  /**
   * Edges {@code 0, 10^from, 10^(from + 1/d), …, 10^to} with {@code d = binsPerDecade}.
   *
   * <p>Edges at whole decades are the correctly rounded doubles of {@code 1e<k>}; the others come
   * from {@link StrictMath#pow}, which gives the same bits on every JVM.
   *
   * @throws IllegalArgumentException unless {@code from < to} and {@code binsPerDecade ≥ 1}
   */
  public static HistogramAccumulator logSpaced(int fromExponent, int toExponent, int binsPerDecade) {
    if (fromExponent >= toExponent || binsPerDecade < 1 || fromExponent < -300 || toExponent > 300) {
      throw new IllegalArgumentException("Cannot use log bins from 1e" + fromExponent + " to 1e"
          + toExponent + " with " + binsPerDecade + " per decade");
    }
    int steps = (toExponent - fromExponent) * binsPerDecade;
    double[] e = new double[steps + 2];
    e[0] = 0.0;
    for (int s = 0; s <= steps; s++) {
      int k = fromExponent * binsPerDecade + s;
      e[s + 1] = k % binsPerDecade == 0
          ? Double.parseDouble("1e" + (k / binsPerDecade))
          : StrictMath.pow(10.0, (double) k / binsPerDecade);
    }
    return new HistogramAccumulator(e);
  }

  /**
   * Bins between the given edges.
   *
   * @param edges at least two finite, strictly increasing edges
   */
  public static HistogramAccumulator withEdges(double... edges) {
    if (edges.length < 2) {
      throw new IllegalArgumentException("Cannot use " + edges.length + " edges, need at least 2");
    }
    for (int i = 0; i < edges.length; i++) {
      if (!Double.isFinite(edges[i]) || (i > 0 && !(edges[i] > edges[i - 1]))) {
        throw new IllegalArgumentException(
            "Cannot use edges " + Arrays.toString(edges) + ", they must be finite and increasing");
      }
    }
    return new HistogramAccumulator(edges.clone());
  }

  /**
   * Counts one value.
   *
   * @param value not NaN
   * @return this
   */
  public HistogramAccumulator accept(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("Cannot accept NaN into a histogram");
    }
    // The slot is the number of edges <= value: 0 = underflow, edges.length = overflow.
    // Adding 0.0 turns -0.0 into 0.0, which binarySearch (Double.compare order) would put below 0.
    int found = Arrays.binarySearch(edges, value + 0.0);
    int slot = found >= 0 ? found + 1 : -found - 1;
    counts[slot]++;
    total++;
    return this;
  }

  /**
   * Counts one value of a path with likelihood-ratio weight {@code weight} (importance sampling)
   * and adds the weight to its bin, exactly; {@link #finishWeighted} reads the weights.
   *
   * @param value not NaN
   * @param weight finite and {@code >= 0}
   * @return this
   */
  public HistogramAccumulator accept(double value, double weight) {
    if (!(weight >= 0.0) || weight == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("Cannot accept weight " + weight
          + " into a histogram, it must be finite and >= 0");
    }
    accept(value);
    int found = Arrays.binarySearch(edges, value + 0.0);
    weights()[found >= 0 ? found + 1 : -found - 1].add(weight);
    return this;
  }

  private ExactSum[] weights() {
    if (weights == null) {
      weights = new ExactSum[counts.length];
      Arrays.setAll(weights, i -> new ExactSum());
    }
    return weights;
  }

  /**
   * Merges another part into this one; {@code other} is not modified.
   *
   * @param other a histogram with the same edges
   * @return this
   */
  public HistogramAccumulator combine(HistogramAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    if (!Arrays.equals(edges, other.edges)) {
      throw new IllegalArgumentException("Cannot combine histograms with edges "
          + Arrays.toString(edges) + " and " + Arrays.toString(other.edges));
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    if (other.weights != null) {
      ExactSum[] mine = weights();
      for (int i = 0; i < counts.length; i++) {
        mine[i].add(other.weights[i]);
      }
    }
    total += other.total;
    return this;
  }

  /** Values counted. */
  public long count() {
    return total;
  }

  /** The edges, a copy. */
  public double[] edges() {
    return edges.clone();
  }

  /**
   * The bins in ascending order: every regular bin (zero counts included, so the shape is fixed),
   * preceded by the underflow and followed by the overflow bin only when they are not empty.
   */
  public List<HistogramBin> finish() {
    int regular = edges.length - 1;
    List<HistogramBin> bins = new ArrayList<>(regular + 2);
    if (counts[0] > 0) {
      bins.add(new HistogramBin(-1, Double.NEGATIVE_INFINITY, edges[0], counts[0]));
    }
    for (int i = 0; i < regular; i++) {
      bins.add(new HistogramBin(i, edges[i], edges[i + 1], counts[i + 1]));
    }
    if (counts[regular + 1] > 0) {
      bins.add(new HistogramBin(regular, edges[regular], Double.POSITIVE_INFINITY,
          counts[regular + 1]));
    }
    return bins;
  }

  /**
   * As {@link #finish()}, each bin with its estimated probability {@code (1/N) Σ w} (exact sum,
   * rounded once), for a histogram fed only through {@link #accept(double, double)}.
   *
   * @param n N, the paths of the run (the unbiased form's divisor)
   */
  public List<HistogramBin> finishWeighted(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("Cannot set n to " + n + ", the value must be positive");
    }
    ExactSum[] w = weights();
    List<HistogramBin> bins = new ArrayList<>();
    for (HistogramBin b : finish()) {
      int slot = b.index() + 1;
      bins.add(new HistogramBin(b.index(), b.lower(), b.upper(), b.count(),
          w[slot].divide(java.math.BigInteger.valueOf(n))));
    }
    return bins;
  }
}
