package io.unwind.config;

import java.io.Serializable;

/**
 * The {@code strategy} section of a scenario, validated.
 *
 * @param volTarget annual volatility the book is levered to
 * @param maxLeverage cap on gross exposure over equity (&ge; 1)
 * @param rebalanceDays trading days between scheduled rebalances (&ge; 1)
 * @param volBand rebalance early when estimated book vol exceeds target by this fraction
 * @param ewmaHalflifeDays half-life of the EWMA covariance estimate, in trading days
 * @param costBps transaction cost per unit of notional traded, in basis points
 * @param shortRate annual short rate earned on positive cash; borrowing pays it plus the regime spread
 * @param varianceFloor smallest annual variance the ERC solver accepts for an asset (developer key)
 */
public record StrategySettings(
    double volTarget,
    double maxLeverage,
    int rebalanceDays,
    double volBand,
    double ewmaHalflifeDays,
    double costBps,
    double shortRate,
    double varianceFloor) implements Serializable {
}
