package io.unwind.jobs.simulate;

import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What the real-process tests share: an {@code unwind} command in its own JVM, sorted rows. */
final class ChildJvm {
  private ChildJvm() {
  }

  /**
   * The command line of {@code unwind <args>} in a new JVM with the launcher's flags and main
   * class on this build's classpath.
   */
  static List<String> unwind(String... args) throws IOException {
    Path home = Path.of(System.getProperty("unwind.home"));
    String jvmOptions = Files.readString(home.resolve("jobs/target/launcher/jvm.options")).trim();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(jvmOptions.split("\\s+")));
    cmd.addAll(List.of("-Xmx1g", "-Dunwind.home=" + home,
        "-Dlog4j2.configurationFile=classpath:io/unwind/jobs/log4j2-local.properties",
        "-cp", System.getProperty("java.class.path"), "io.unwind.jobs.cli.UnwindCli"));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /** A run's rows of a chunked table without its run id, in a total order. */
  static List<Row> sorted(SparkSession spark, OutputLayout out, Table t, String runId) {
    return t == Table.PATHS
        ? Tables.readRun(spark, out, t, runId).drop("run_id").orderBy("strategy", "path_id").collectAsList()
        : Tables.readRun(spark, out, t, runId).drop("run_id").orderBy("strategy", "path_id", "day").collectAsList();
  }
}
