/**
 * Replay of a real price history through the path kernel ({@code unwind replay}).
 *
 * <p>The history's daily log returns are the exogenous returns and its regimes the most likely
 * path of a model fitted to it (or a given path); {@link io.unwind.sim.PathSimulator#runStrategies}
 * then runs every strategy variant on it exactly as on a simulated path. The whole history is one
 * path; windows cut from it are many. Named {@link io.unwind.replay.Episode}s are read off the
 * whole-history path's daily NAV, leverage and events. Plain Java, no Spark.
 */
package io.unwind.replay;
