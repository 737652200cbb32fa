package io.unwind.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.Philox4x64;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * One path's random stream: uniforms, standard normals and unit-variance shock vectors.
 *
 * <p>The generator is Philox4x64 (Salmon, Moraes, Dror, Shaw 2011, "Parallel random numbers: as
 * easy as 1, 2, 3", doi:10.1145/2063384.2063405), a counter-based generator: the key is the run
 * seed and the path id sits in the most significant word of the 256-bit counter, so every path
 * reads its own disjoint block range (2^192 blocks of four longs each) of one keyed stream. A
 * path's numbers therefore depend only on (seed, path id), never on which thread, partition,
 * executor or retry draws them, nor on the order in which paths are created.
 *
 * <p>This class is the only place in unwind that creates generators. Not thread-safe: one
 * instance per path. Creating an instance allocates; drawing from it does not (apart from the
 * first Student-t draw at each new degrees of freedom, which builds and caches a chi-square
 * sampler).
 */
public final class PathRandom {
  /** Second key word: a fixed domain constant ("unwind" in ASCII) so streams are unwind's own. */
  private static final long KEY_DOMAIN = 0x756E77696E64L;
  /** Distinct degrees of freedom whose chi-square samplers are kept (one per regime is typical). */
  private static final int DOF_CACHE = 8;

  private final Philox4x64 provider;
  private final ZigguratSampler.NormalizedGaussian gaussian;
  private final double[] cachedDof = new double[DOF_CACHE];
  private final ContinuousSampler[] chiSquare = new ContinuousSampler[DOF_CACHE];
  private int cached;

  private PathRandom(Philox4x64 provider) {
    this.provider = provider;
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(provider);
  }

  /**
   * The stream of path {@code pathId} in the run with seed {@code seed}.
   *
   * @param seed run seed (Philox key)
   * @param pathId path id (placed in the counter's top word); any long, negative included
   * @return a fresh stream positioned at the path's first number
   */
  public static PathRandom forPath(long seed, long pathId) {
    // Philox4x64 seed layout: {key0, key1, counter0, counter1, counter2, counter3}; counter0 is the
    // least significant word and the one the generator increments.
    return new PathRandom(new Philox4x64(new long[] {seed, KEY_DOMAIN, 0L, 0L, 0L, pathId}));
  }

  /** A uniform double in [0, 1). */
  public double nextUniform() {
    return provider.nextDouble();
  }

  /** A standard normal by Ziggurat sampling (McFarland 2016, doi:10.1080/00949655.2015.1060234). */
  public double nextNormal() {
    return gaussian.sample();
  }

  /**
   * Fills {@code out[off..off+n)} with i.i.d. unit-variance shocks.
   *
   * <p>With {@code dof == 0} these are standard normals. Otherwise they are a standardised
   * multivariate Student-t vector: {@code z_i * sqrt((dof - 2) / chi2)}, where {@code z} are n
   * standard normals and {@code chi2} is ONE chi-square draw with {@code dof} degrees of freedom
   * shared by the vector, equal to {@code z / sqrt(chi2/dof) * sqrt((dof-2)/dof)}. Each component
   * then has unit variance and excess kurtosis {@code 6/(dof-4)} for dof &gt; 4; components are
   * uncorrelated but fall into their tails together, as markets do. The normals are drawn first,
   * then the chi-square.
   *
   * @param dof degrees of freedom: 0 for Gaussian, else &gt; 2
   * @param out modified: receives the shocks
   * @param off first index written
   * @param n number of shocks
   * @throws IllegalArgumentException if dof is neither 0 nor &gt; 2
   */
  public void nextShocks(double dof, double[] out, int off, int n) {
    final int end = off + n;
    for (int i = off; i < end; i++) {
      out[i] = gaussian.sample();
    }
    if (dof == 0) {
      return;
    }
    if (!(dof > 2)) {
      throw new IllegalArgumentException(
          "Cannot draw Student-t shocks with dof " + dof + ", the value must be 0 or > 2");
    }
    final double scale = Math.sqrt((dof - 2) / chiSquare(dof).sample());
    for (int i = off; i < end; i++) {
      out[i] *= scale;
    }
  }

  /**
   * Like {@link #nextShocks} with the standard normals' mean shifted: draws {@code z}, uses
   * {@code z' = z - shift} (then the Student-t scaling, untilted, as {@link #nextShocks}), and
   * returns {@code shift . z'}. The likelihood ratio of the draw, standard normal against the
   * shifted normal, is {@code exp(shift . z' + |shift|^2 / 2)}; the chi-square draw is the same
   * under both. The same random numbers in the same order as {@link #nextShocks}.
   *
   * @param shift n mean shifts of the normals, read from {@code shiftOff}
   * @param normalSum when not null, each {@code z'} (before the t scaling) is added to it at
   *     {@code shiftOff + i}: the pilot's per-regime sums for fitting the shift
   * @return {@code shift . z'}, for the log likelihood ratio
   */
  public double nextShiftedShocks(double dof, double[] out, int off, int n, double[] shift,
      int shiftOff, double[] normalSum) {
    final int end = off + n;
    double dot = 0;
    for (int i = off; i < end; i++) {
      double a = shift[shiftOff + i - off];
      double z = gaussian.sample() - a;
      out[i] = z;
      if (normalSum != null) {
        normalSum[shiftOff + i - off] += z;
      }
      dot += a * z;
    }
    if (dof == 0) {
      return dot;
    }
    if (!(dof > 2)) {
      throw new IllegalArgumentException(
          "Cannot draw Student-t shocks with dof " + dof + ", the value must be 0 or > 2");
    }
    final double scale = Math.sqrt((dof - 2) / chiSquare(dof).sample());
    for (int i = off; i < end; i++) {
      out[i] *= scale;
    }
    return dot;
  }

  /** The underlying generator, for samplers that need one; it shares this stream's state. */
  public UniformRandomProvider provider() {
    return provider;
  }

  private ContinuousSampler chiSquare(double dof) {
    for (int i = 0; i < cached; i++) {
      if (cachedDof[i] == dof) {
        return chiSquare[i];
      }
    }
    // chi2(dof) = Gamma(shape dof/2, scale 2); dof > 2 so the shape exceeds 1 (Marsaglia-Tsang).
    ContinuousSampler sampler = AhrensDieterMarsagliaTsangGammaSampler.of(provider, dof / 2, 2);
    int slot = cached < DOF_CACHE ? cached++ : (int) (Double.doubleToLongBits(dof) & (DOF_CACHE - 1));
    cachedDof[slot] = dof;
    chiSquare[slot] = sampler;
    return sampler;
  }
}
