/**
 * The market model: the Markov regime chain (built from stays and exits, its long-run shares, its
 * allocation-free draws) and the correlated shocks and daily prices the kernel draws every day.
 */
package io.unwind.model;
