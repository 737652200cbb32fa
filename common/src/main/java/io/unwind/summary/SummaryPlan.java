package io.unwind.summary;

import io.unwind.metrics.RankSelection;
import io.unwind.metrics.TailLevels;
import io.unwind.metrics.WeightedRankSelection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * The selection passes a run's summary needs, derived from the metric specifications: every
 * series of per-path values whose order statistics a metric reads (a strategy's loss, its loss on
 * the paths that visited a regime, a paired difference, ...), what each must find, and how a path
 * feeds it. Each spec declares its series by name ({@link MetricSpec#declare}); a series two specs
 * read (levered-erc's loss: its tail, the worst 1 % and the impact share's tail sets) is one
 * series. Small and immutable once built: shipped to every partition.
 *
 * <p>Plain runs select ranks ({@link RankSelection}): every rank of each tail's
 * {@link TailLevels#ranks()} (its VaRs and their interval ends) and the VaR rank of every tail
 * set. Weighted runs select weighted VaRs at levels ({@link WeightedRankSelection}): the tail's
 * levels, ascending, as {@link io.unwind.metrics.WeightedSelectedTail} reads them; a tail set is
 * then bounded by one of its tail's VaRs, and a second selection finds the VaR intervals' ends
 * ({@link RunStatistics#intervalSelection}).
 */
public final class SummaryPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Reads one series' value from a path under every strategy. */
  @FunctionalInterface
  interface GroupValue extends Serializable {
    double of(PathOutcome[] group);
  }

  /** Whether a path belongs to a series (a conditional population); null for every path. */
  @FunctionalInterface
  interface GroupFilter extends Serializable {
    boolean test(PathOutcome[] group);
  }

  /**
   * One series.
   *
   * @param name unique within the run, e.g. {@code levered-erc/loss_var|visited:crisis}
   * @param size the paths that feed it
   * @param ownMass whether its mass is its own total weight (a conditional population) rather
   *     than N (weighted runs only)
   * @param value what a path feeds it
   * @param filter which paths feed it, or null for all
   */
  record Series(String name, long size, boolean ownMass, GroupValue value, GroupFilter filter)
      implements Serializable {
  }

  private final SummaryRun run;
  private final List<Series> series = new ArrayList<>();
  private final Map<String, Integer> index = new HashMap<>();
  /** Plain: per series, the ranks wanted. */
  private final List<long[]> ranks = new ArrayList<>();
  /** Weighted: per series, the levels wanted, ascending. */
  private final List<double[]> levels = new ArrayList<>();

  private SummaryPlan(SummaryRun run) {
    this.run = run;
  }

  /** The plan of every series the specs of {@link SummaryMetrics#ALL} read on this run. */
  public static SummaryPlan of(SummaryRun run) {
    SummaryPlan plan = new SummaryPlan(run);
    for (MetricSpec spec : SummaryMetrics.ALL) {
      if (spec.perStrategy()) {
        for (int s = 0; s < run.strategies().size(); s++) {
          spec.declare(plan, run, s);
        }
      } else {
        spec.declare(plan, run, -1);
      }
    }
    return plan;
  }

  /** The run. */
  public SummaryRun run() {
    return run;
  }

  /**
   * Declares the tail of a series at {@code tailLevels}: its VaRs (and, plain, their interval
   * ends). A series' tail is declared once, before any tail set of it.
   *
   * @return the series' index
   */
  int tail(Series s, double[] tailLevels) {
    Integer existing = index.get(s.name());
    if (existing != null) {
      throw new IllegalStateException("series " + s.name() + " has a tail already");
    }
    int i = series.size();
    series.add(s);
    index.put(s.name(), i);
    ranks.add(s.size() > 0 ? TailLevels.of(s.size(), tailLevels).ranks() : new long[0]);
    levels.add(s.size() > 0 ? tailLevels.clone() : new double[0]);
    return i;
  }

  /**
   * Declares that a metric reads the paths beyond series {@code name}'s VaR at {@code level}:
   * plain, its VaR rank; weighted, it must be one of the tail's levels.
   */
  void tailSet(String name, double level) {
    int i = indexOf(name);
    long size = series.get(i).size();
    ranks.set(i, LongStream.concat(LongStream.of(ranks.get(i)), LongStream.of(varRank(size, level)))
        .distinct().sorted().toArray());
    if (Arrays.binarySearch(levels.get(i), level) < 0) {
      throw new IllegalStateException("series " + name + " has no VaR at " + level
          + "; a tail set is bounded by one of its tail's levels " + Arrays.toString(levels.get(i)));
    }
  }

  /** The index of series {@code name}. */
  int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no series " + name + " is declared; series: " + index.keySet());
    }
    return i;
  }

  /** What a path feeds series {@code i}. */
  GroupValue value(int i) {
    return series.get(i).value();
  }

  /** The levels of series {@code i}'s tail. */
  double[] levels(int i) {
    return levels.get(i).clone();
  }

  /** {@code ⌈αN⌉}: the paths ranked above it are the worst {@code N − ⌈αN⌉}. */
  static long varRank(long n, double level) {
    return TailLevels.of(n, level).varRank(0);
  }

  /** The first selection: the VaRs (and plain, their interval ends) of every series. */
  public SummarySelection selection(int collectLimit) {
    int m = series.size();
    long[] sizes = new long[m];
    for (int i = 0; i < m; i++) {
      sizes[i] = series.get(i).size();
    }
    if (!run.weighted()) {
      return new SummarySelection(this, RankSelection.of(sizes, ranks.toArray(new long[0][]), collectLimit));
    }
    return weighted(levels.toArray(new double[0][]), collectLimit);
  }

  /** A weighted selection of {@code wanted} levels per series. */
  SummarySelection weighted(double[][] wanted, int collectLimit) {
    int m = series.size();
    long[] sizes = new long[m];
    boolean[] ownMass = new boolean[m];
    for (int i = 0; i < m; i++) {
      sizes[i] = series.get(i).size();
      ownMass[i] = series.get(i).ownMass();
    }
    return new SummarySelection(this, WeightedRankSelection.of(sizes, ownMass, wanted, collectLimit));
  }

  /** A selection with nothing to find (a plain run's second selection). */
  SummarySelection nothing() {
    int m = series.size();
    long[] sizes = new long[m];
    for (int i = 0; i < m; i++) {
      sizes[i] = series.get(i).size();
    }
    return new SummarySelection(this, RankSelection.of(sizes, new long[m][0], 1));
  }

  /** Feeds one path, under every strategy, to a plain selection pass. */
  void feed(PathOutcome[] group, RankSelection.Pass pass) {
    long id = group[0].pathId();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      if (s.filter() == null || s.filter().test(group)) {
        pass.accept(i, s.value().of(group), id);
      }
    }
  }

  /** Feeds one path, under every strategy, with its weight to a weighted selection pass. */
  void feed(PathOutcome[] group, WeightedRankSelection.Pass pass) {
    long id = group[0].pathId();
    double w = group[0].weight();
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      if (s.filter() == null || s.filter().test(group)) {
        pass.accept(i, s.value().of(group), w, id);
      }
    }
  }

  /** The number of series. */
  int size() {
    return series.size();
  }
}
