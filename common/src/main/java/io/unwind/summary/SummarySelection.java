package io.unwind.summary;

import io.unwind.metrics.RankKey;
import io.unwind.metrics.RankSelection;
import io.unwind.metrics.SelectedTail;
import io.unwind.metrics.TailLevels;
import io.unwind.metrics.WeightedRankSelection;
import io.unwind.metrics.WeightedSelectedTail;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The order statistics of a {@link SummaryPlan}'s series, found in a few passes: by rank on a
 * plain run ({@link RankSelection}), by weight on a weighted one ({@link WeightedRankSelection}).
 * The caller loops {@code while (!isDone()) advance(merged passes)}, each pass fed every path
 * ({@link Pass#accept}); then the metrics read their VaRs from it.
 */
public final class SummarySelection implements Serializable {
  private static final long serialVersionUID = 1L;

  private final SummaryPlan plan;
  /** Exactly one of the two is set. */
  private final RankSelection byRank;
  private final WeightedRankSelection byWeight;

  SummarySelection(SummaryPlan plan, RankSelection byRank) {
    this.plan = plan;
    this.byRank = byRank;
    this.byWeight = null;
  }

  SummarySelection(SummaryPlan plan, WeightedRankSelection byWeight) {
    this.plan = plan;
    this.byRank = null;
    this.byWeight = byWeight;
  }

  /** The plan whose series it selects. */
  public SummaryPlan plan() {
    return plan;
  }

  /** Whether every order statistic is found. */
  public boolean isDone() {
    return byRank != null ? byRank.isDone() : byWeight.isDone();
  }

  /** Passes advanced through so far. */
  public int passes() {
    return byRank != null ? byRank.passes() : byWeight.passes();
  }

  /** An empty pass for the current state, to be fed every path. */
  public Pass pass() {
    return byRank != null ? new Pass(plan, byRank.pass(), null) : new Pass(plan, null, byWeight.pass());
  }

  /** Takes in a completed pass (every part merged); returns this. */
  public SummarySelection advance(Pass done) {
    if (byRank != null) {
      byRank.advance(done.byRank);
    } else {
      byWeight.advance(done.byWeight);
    }
    return this;
  }

  /** The observation at series {@code i}'s VaR at {@code level}: the paths beyond it are its tail set. */
  RankKey varKey(int i, double level) {
    if (byRank != null) {
      return byRank.key(i, SummaryPlan.varRank(byRank.size(i), level));
    }
    int l = Arrays.binarySearch(plan.levels(i), level);
    if (l < 0) {
      throw new IllegalArgumentException("series " + i + " was selected without the level " + level);
    }
    return byWeight.key(i, l);
  }

  /** An empty tail of series {@code i} at its declared levels, reading its VaRs from here. */
  TailForm tail(int i, boolean ownMass) {
    double[] levels = plan.levels(i);
    if (byRank != null) {
      return new TailForm.Plain(SelectedTail.of(TailLevels.of(byRank.size(i), levels), byRank, i));
    }
    return new TailForm.Weighted(WeightedSelectedTail.of(levels, byWeight, i, ownMass), i);
  }

  /** The weighted selection (for a weighted tail's interval ends). */
  WeightedRankSelection byWeight() {
    return byWeight;
  }

  /** One pass over the paths, mergeable. */
  public static final class Pass implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SummaryPlan plan;
    private final RankSelection.Pass byRank;
    private final WeightedRankSelection.Pass byWeight;

    private Pass(SummaryPlan plan, RankSelection.Pass byRank, WeightedRankSelection.Pass byWeight) {
      this.plan = plan;
      this.byRank = byRank;
      this.byWeight = byWeight;
    }

    /** Feeds one path: its outcome under every strategy, in run order. */
    public void accept(PathOutcome[] group) {
      if (byRank != null) {
        plan.feed(group, byRank);
      } else {
        plan.feed(group, byWeight);
      }
    }

    /** Merges a pass over a disjoint part of the paths into this one; returns this. */
    public Pass combine(Pass other) {
      if (byRank != null) {
        byRank.combine(other.byRank);
      } else {
        byWeight.combine(other.byWeight);
      }
      return this;
    }
  }
}
