package io.unwind.config;

import java.io.Serializable;

/**
 * The {@code market} section: price impact of the crowd's forced sales.
 *
 * @param impact impact law
 * @param impactCoefficient Y, the impact coefficient
 * @param crowd funds following the same rule, in multiples of this fund's size: they sell
 *     {@code crowd} times what this fund sells, alongside it
 * @param persistence share of a day's impact still in prices the next day
 * @param maxRounds guard on sale rounds in one day's cascade (hitting it is flagged)
 * @param saleOrder pro rata or most-liquid-first (developer key {@code sale-order})
 */
public record MarketSettings(
    ImpactModel impact,
    double impactCoefficient,
    double crowd,
    double persistence,
    int maxRounds,
    SaleOrder saleOrder) implements Serializable {
}
