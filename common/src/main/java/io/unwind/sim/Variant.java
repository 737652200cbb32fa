package io.unwind.sim;

import io.unwind.config.AssetClass;
import io.unwind.config.ImpactModel;
import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;

/**
 * A strategy variant resolved once into the rules the kernel applies (DESIGN, "A variant is a
 * resolved set of rules"): the path kernel holds one strategy loop and tests no variant's name.
 *
 * @param kind the variant, for labelling its rows only
 * @param sizing which covariance sizes the book (and feeds its vol check)
 * @param fixedWeights the weights of a {@link Sizing#FIXED_WEIGHTS} book, else null
 * @param maxLeverage leverage cap (1 = never borrows to invest)
 * @param impact the impact law its trades meet
 * @param rebalanceDays trading days between scheduled rebalances
 * @param volCheck whether the daily vol check can trigger a rebalance
 * @param marginCapsLeverage whether the target leverage is capped at what margin allows with the
 *     liquidity floor and buffer
 */
public record Variant(
    StrategyKind kind,
    Sizing sizing,
    double[] fixedWeights,
    double maxLeverage,
    ImpactModel impact,
    int rebalanceDays,
    boolean volCheck,
    boolean marginCapsLeverage) {

  /** The 60/40 benchmark rebalances monthly whatever the scenario's schedule. */
  static final int SIXTY_FORTY_REBALANCE_DAYS = 21;

  /** Which covariance sizes the book. */
  public enum Sizing {
    /** ERC levered to the vol target on the fund's own EWMA estimate. */
    ESTIMATE,
    /** ERC levered to the vol target on the current regime's true covariance: knows the regime. */
    REGIME_TRUTH,
    /** Fixed weights, unlevered, no vol target. */
    FIXED_WEIGHTS
  }

  /** The rules of {@code kind} in {@code scenario}. */
  public static Variant of(StrategyKind kind, ResolvedScenario scenario) {
    double maxLeverage = scenario.strategy().maxLeverage();
    ImpactModel impact = scenario.market().impact();
    int every = scenario.strategy().rebalanceDays();
    boolean margin = scenario.margin().enabled();
    switch (kind) {
      case LEVERED_ERC:
        return new Variant(kind, Sizing.ESTIMATE, null, maxLeverage, impact, every, true, margin);
      case ORACLE_ERC:
        return new Variant(kind, Sizing.REGIME_TRUTH, null, maxLeverage, impact, every, true, margin);
      case NO_IMPACT:
        return new Variant(kind, Sizing.ESTIMATE, null, maxLeverage, ImpactModel.NONE, every, true,
            margin);
      case UNLEVERED_ERC:
        return new Variant(kind, Sizing.ESTIMATE, null, 1.0, impact, every, true, false);
      case SIXTY_FORTY:
        return new Variant(kind, Sizing.FIXED_WEIGHTS, sixtyForty(scenario.assetClasses()), 1.0,
            impact, SIXTY_FORTY_REBALANCE_DAYS, false, false);
      default:
        throw new IllegalArgumentException("no rules for variant " + kind);
    }
  }

  /** 60 % equally over the equity-class assets, 40 % equally over the bond-class ones. */
  static double[] sixtyForty(AssetClass[] classes) {
    int equities = 0;
    int bonds = 0;
    for (AssetClass c : classes) {
      equities += c == AssetClass.EQUITY ? 1 : 0;
      bonds += c == AssetClass.BOND ? 1 : 0;
    }
    double[] w = new double[classes.length];
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] == AssetClass.EQUITY) {
        w[i] = 0.6 / equities;
      } else if (classes[i] == AssetClass.BOND) {
        w[i] = 0.4 / bonds;
      }
    }
    return w;
  }
}
