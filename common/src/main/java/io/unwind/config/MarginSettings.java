package io.unwind.config;

import java.io.Serializable;

/**
 * The {@code margin} section: procyclical haircuts
 * {@code h_i = max(floor_i, z * sigmaHat_i * sqrt(mpor/252)) * m_s} and the fund's liquidity floor.
 *
 * @param enabled whether margin calls are enforced at all
 * @param z quantile multiplier of the haircut (2.33 = 99 % one-sided normal)
 * @param mporDays margin period of risk, trading days
 * @param buffer after a call the fund sells until equity &ge; (1 + liquidityFloor + buffer) *
 *     requirement
 * @param liquidityFloor the fund's policy floor on unencumbered liquidity {@code E - M}, a share
 *     of M: a call fires when {@code E - M < liquidityFloor * M}; 0 is the broker's {@code E < M}
 */
public record MarginSettings(boolean enabled, double z, double mporDays, double buffer,
    double liquidityFloor)
    implements Serializable {
}
