package io.unwind.metrics;


/**
 * Mergeable attribution of two strategies run on common random numbers.
 *
 * <p>The Spark side feeds one triple (pathId, loss of A, loss of B) per path, e.g. A = levered-erc
 * and B = oracle-erc (the cost of wrong vol assumptions), no-impact (the cost of the cascade) or
 * unlevered-erc (the cost of leverage). The accumulator keeps
 * <ul>
 *   <li>the moments of {@code D = L_A − L_B} ({@link MomentAccumulator}): mean and its interval;
 *   <li>the tail of D ({@link SelectedTail}, in memory independent of N):
 *       VaR and expected shortfall of the difference;
 *   <li>the moments of {@code L_A} and {@code L_B} alone, for the unpaired standard error
 *       {@code sqrt(Var(L_A)/N + Var(L_B)/N)}, which shows how much the pairing buys:
 *       {@code Var(D) = Var(L_A) + Var(L_B) − 2 Cov(L_A, L_B)}, small when the paths share their
 *       shocks.
 * </ul>
 * D is computed per path in double, so a strategy paired with itself gives D = 0 on every path and
 * exactly zero mean, VaR and ES with zero-width intervals. Every result is independent of the
 * partitioning (see the component classes). Not thread-safe.
 */
public final class PairedDifferenceAccumulator implements Mergeable<PairedDifferenceAccumulator> {

  private static final long serialVersionUID = 1L;

  private final MomentAccumulator difference = new MomentAccumulator();
  private final MomentAccumulator lossA = new MomentAccumulator();
  private final MomentAccumulator lossB = new MomentAccumulator();
  private final Tail differenceTail;

  private PairedDifferenceAccumulator(Tail differenceTail) {
    this.differenceTail = differenceTail;
  }

  /**
   * Creates an empty accumulator whose tail of D is read from a rank selection, in memory
   * independent of N.
   *
   * @param differenceTail the tail of D, its series fed with {@code (L_A − L_B, pathId)}
   */
  public static PairedDifferenceAccumulator of(SelectedTail differenceTail) {
    return new PairedDifferenceAccumulator(differenceTail);
  }

  /** Creates an empty accumulator over any tail of D (the tests' in-memory reference). */
  static PairedDifferenceAccumulator of(Tail differenceTail) {
    return new PairedDifferenceAccumulator(differenceTail);
  }

  /**
   * Adds one path.
   *
   * @param pathId the path (ties in the tail of D are broken by it)
   * @param lossOfA loss of strategy A on the path, finite
   * @param lossOfB loss of strategy B on the same path, finite
   * @return this
   */
  public PairedDifferenceAccumulator accept(long pathId, double lossOfA, double lossOfB) {
    if (!Double.isFinite(lossOfA) || !Double.isFinite(lossOfB)) {
      throw new IllegalArgumentException("Cannot accept losses " + lossOfA + ", " + lossOfB
          + " of path " + pathId + ", they must be finite");
    }
    double d = lossOfA - lossOfB;
    differenceTail.accept(d, pathId);
    difference.accept(d);
    lossA.accept(lossOfA);
    lossB.accept(lossOfB);
    return this;
  }

  /**
   * Merges another part into this one; {@code other} is not modified.
   *
   * @return this
   */
  public PairedDifferenceAccumulator combine(PairedDifferenceAccumulator other) {
    if (other == this) {
      throw new IllegalArgumentException("Cannot combine an accumulator with itself");
    }
    differenceTail.combine(other.differenceTail);
    difference.combine(other.difference);
    lossA.combine(other.lossA);
    lossB.combine(other.lossB);
    return this;
  }

  /** Paths accepted so far. */
  public long count() {
    return difference.count();
  }

  /**
   * The attribution.
   *
   * @throws IllegalStateException unless exactly N paths were accepted
   */
  public PairedDifference finish() {
    TailEstimates tail = differenceTail.finish();
    long n = difference.count();
    double unpaired = n < 2 ? Double.NaN
        : Math.sqrt(lossA.variance() / n + lossB.variance() / n);
    return new PairedDifference(difference.estimate(), tail, difference.standardError(),
        unpaired, lossA.mean(), lossB.mean(), n);
  }
}
