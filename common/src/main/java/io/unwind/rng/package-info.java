/**
 * Per-path random streams: every path owns a Philox4x64 stream addressed by (run seed, path id),
 * so a path's numbers never depend on where, when or in which order it is simulated.
 */
package io.unwind.rng;
