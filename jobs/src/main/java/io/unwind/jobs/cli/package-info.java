/**
 * The command-line entry point: {@code unwind simulate | aggregate | run | validate | explain |
 * calibrate | replay | bench}, and the option groups they share ({@link
 * io.unwind.jobs.cli.ScenarioOptions}, {@link io.unwind.jobs.cli.RunOptions}, {@link
 * io.unwind.jobs.cli.PriceFileOptions}).
 *
 * <p>Every input is validated before a Spark session is built: a bad argument, config file, key
 * or run id exits with code 2 and one message, and writes nothing.
 */
package io.unwind.jobs.cli;
