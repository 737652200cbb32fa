/**
 * The market model's allocation-free kernels: the Markov regime chain and correlated shocks.
 */
package io.unwind.model;
