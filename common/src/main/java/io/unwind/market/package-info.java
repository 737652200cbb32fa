/**
 * Margin, price impact and the deleveraging cascade: the mechanics by which forced sales move
 * prices against the fund and every fund that follows the same rule.
 */
package io.unwind.market;
