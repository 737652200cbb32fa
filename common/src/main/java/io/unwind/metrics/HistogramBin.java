package io.unwind.metrics;

/**
 * One bin of a histogram: values in {@code [lower, upper)}.
 *
 * @param index bin number: 0 .. B−1 for the regular bins, −1 for the underflow bin
 *     {@code (−∞, first edge)}, B for the overflow bin {@code [last edge, +∞)}
 * @param lower inclusive lower edge (−∞ for underflow)
 * @param upper exclusive upper edge (+∞ for overflow)
 * @param count observations in the bin
 * @param probability under importance sampling the bin's estimated probability
 *     {@code (1/N) Σ w} over its observations' likelihood-ratio weights; NaN for an unweighted
 *     histogram (read {@code count / N})
 */
public record HistogramBin(int index, double lower, double upper, long count, double probability) {

  /** An unweighted bin (probability NaN). */
  public HistogramBin(int index, double lower, double upper, long count) {
    this(index, lower, upper, count, Double.NaN);
  }

  /** Validates {@code lower < upper} and a non-negative count. */
  public HistogramBin {
    if (!(lower < upper)) {
      throw new IllegalArgumentException("Cannot set bin [" + lower + ", " + upper + ")");
    }
    if (count < 0) {
      throw new IllegalArgumentException("Cannot set count to " + count + ", must be >= 0");
    }
  }
}
