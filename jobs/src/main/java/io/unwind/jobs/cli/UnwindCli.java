package io.unwind.jobs.cli;

import io.unwind.config.InvalidScenarioException;
import io.unwind.jobs.aggregate.IncompleteRunException;
import io.unwind.jobs.spark.Sessions;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code unwind} command: the entry point of {@code jobs/bin/unwind} and of spark-submit.
 *
 * <p>Exit codes: 0 success; 2 bad input (arguments, config, files, run id: one message, nothing
 * written, no Spark started), a run owned by another attempt, or a run whose files fail their
 * check in {@code aggregate}; 1 a failure while running.
 */
@Command(name = "unwind", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Monte Carlo engine measuring how leveraged risk-parity portfolios fail.",
    footer = {"", "Exit codes: 0 ok, 2 bad input (nothing written), 1 failure while running."})
public final class UnwindCli implements Runnable {
  @Spec
  CommandSpec spec;

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    int code = execute(CliContext.standard(), args);
    Sessions.stopActive();
    System.exit(code);
  }

  /**
   * Runs a command line in this JVM and returns its exit code; never exits, never stops Spark.
   *
   * @param ctx sessions and output streams
   * @param args the arguments
   * @return the exit code ({@link ExitCodes})
   */
  public static int execute(CliContext ctx, String... args) {
    return commandLine(ctx).execute(args);
  }

  /** The configured picocli command line. */
  static CommandLine commandLine(CliContext ctx) {
    CommandLine cl = new CommandLine(new UnwindCli())
        .addSubcommand(new SimulateCommand(ctx))
        .addSubcommand(new AggregateCommand(ctx))
        .addSubcommand(new RunCommand(ctx))
        .addSubcommand(new ValidateCommand(ctx))
        .addSubcommand(new CalibrateCommand(ctx))
        .addSubcommand(new ReplayCommand(ctx))
        .addSubcommand(new ExplainCommand(ctx))
        .addSubcommand(new BenchCommand(ctx));
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setParameterExceptionHandler(parameterErrors(ctx.err()));
    cl.setExecutionExceptionHandler(executionErrors(ctx.err()));
    return cl;
  }

  @Override
  public void run() {
    // No subcommand: show what there is.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One line naming the option and value, and where help is: not the whole usage text. */
  private static IParameterExceptionHandler parameterErrors(PrintWriter err) {
    return (ParameterException e, String[] args) -> {
      CommandLine cmd = e.getCommandLine();
      err.println("unwind: " + e.getMessage());
      err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return ExitCodes.BAD_INPUT;
    };
  }

  private static IExecutionExceptionHandler executionErrors(PrintWriter err) {
    return (Exception e, CommandLine cmd, ParseResult parsed) -> {
      if (e instanceof InvalidScenarioException
          || e instanceof BadInputException
          || e instanceof IncompleteRunException
          || e instanceof io.unwind.jobs.io.RunOwnershipException) {
        err.println("unwind: " + e.getMessage());
        err.flush();
        return ExitCodes.BAD_INPUT;
      }
      err.println("unwind: " + cmd.getCommandName() + " failed: " + describe(e));
      e.printStackTrace(err);
      err.flush();
      return ExitCodes.FAILURE;
    };
  }

  /** The exception and its causes in one line, outermost first. */
  static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null && sb.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- ");
      }
      sb.append(t.getClass().getSimpleName());
      if (t.getMessage() != null) {
        sb.append(": ").append(t.getMessage().lines().findFirst().orElse(""));
      }
    }
    return sb.toString();
  }
}
