/**
 * The path kernel: one market path, every strategy variant on it on common random numbers, and
 * the per-path results, events and samples it produces.
 */
package io.unwind.sim;
