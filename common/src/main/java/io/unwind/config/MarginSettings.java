package io.unwind.config;

import java.io.Serializable;

/**
 * The {@code margin} section: procyclical haircuts {@code h_i = max(floor_i, z * sigmaHat_i * sqrt(mpor/252))}.
 *
 * @param enabled whether margin calls are enforced at all
 * @param z quantile multiplier of the haircut (2.33 = 99 % one-sided normal)
 * @param mporDays margin period of risk, trading days
 * @param buffer after a call the fund sells until equity &ge; (1 + buffer) * requirement
 */
public record MarginSettings(boolean enabled, double z, double mporDays, double buffer)
    implements Serializable {
}
