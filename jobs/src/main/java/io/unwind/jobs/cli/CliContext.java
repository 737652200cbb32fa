package io.unwind.jobs.cli;

import io.unwind.jobs.spark.Sessions;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * What the commands share: where Spark sessions come from and where output goes.
 *
 * @param sessions the session provider
 * @param out results (tables, JSON)
 * @param err messages and errors
 * @param progress progress lines of long runs
 */
public record CliContext(SessionProvider sessions, PrintWriter out, PrintWriter err, PrintStream progress) {

  /** The context of a real process: {@link Sessions}, stdout, stderr. */
  public static CliContext standard() {
    return new CliContext(
        (app, master) -> Sessions.create(app, Sessions.resolveMaster(master)),
        new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.err);
  }
}
