package io.unwind.jobs.cli;

import io.unwind.jobs.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the CLI in-process with captured output, counting how often it asked for Spark. */
final class CliHarness {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  final AtomicInteger sessionRequests = new AtomicInteger();
  private final boolean sparkAllowed;

  private CliHarness(boolean sparkAllowed) {
    this.sparkAllowed = sparkAllowed;
  }

  /** A harness whose session provider fails the test if Spark is ever requested. */
  static CliHarness noSpark() {
    return new CliHarness(false);
  }

  /** A harness that hands out the shared local[2] test session. */
  static CliHarness withSpark() {
    return new CliHarness(true);
  }

  int run(String... args) {
    CliContext ctx = new CliContext((app, master) -> {
      sessionRequests.incrementAndGet();
      if (!sparkAllowed) {
        throw new AssertionError("Spark was started for " + app);
      }
      return SharedSpark.session();
    }, new PrintWriter(out, true), new PrintWriter(err, true),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    return UnwindCli.execute(ctx, args);
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
