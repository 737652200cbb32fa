package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.simulate.PathBlocks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Options of the commands that run Spark: output root, run id, partitions, master. */
public final class RunOptions {
  /** What a run id may contain: it names directories and must survive every file system. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output root (local directory or Hadoop URI). Default: ${DEFAULT-VALUE}/")
  String out = "out";

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id, [A-Za-z0-9._-]+. Default: the scenario name. Rerunning a complete id replaces it; an interrupted one resumes.")
  String runId;

  @Option(names = "--partitions", paramLabel = "P",
      description = "Spark partitions per chunk. Default: 2 x the cores Spark has.")
  Integer partitions;

  @Option(names = "--chunk-paths", paramLabel = "N",
      description = "Paths committed per chunk, a multiple of " + PathBlocks.DEFAULT_BLOCK_PATHS
          + ". Default: " + PathBlocks.DEFAULT_CHUNK_PATHS + ".")
  Long chunkPaths;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master. Default: local[*], or what spark-submit set.")
  String master;

  /** The master option, or null. */
  public String master() {
    return master;
  }

  /** The partitions option, validated; null when not given. */
  public Integer partitions() {
    if (partitions != null && partitions < 1) {
      throw new BadInputException("--partitions " + partitions + ": must be at least 1");
    }
    return partitions;
  }

  /** The run id: {@code --run-id}, else the scenario's name; validated. */
  public String runId(ResolvedScenario scenario) {
    String id = runId != null ? runId : scenario.name();
    if (!RUN_ID.matcher(id).matches()) {
      String source = runId != null ? "--run-id" : "run id (the scenario name; set --run-id)";
      throw new BadInputException(source + " '" + id + "': must match [A-Za-z0-9._-]+");
    }
    return id;
  }

  /** The output layout; a local root that exists must be a directory. Creates nothing. */
  public OutputLayout layout() {
    if (out == null || out.isBlank()) {
      throw new BadInputException("--out '': must name a directory");
    }
    if (!OutputLayout.hasScheme(out)) {
      Path local = Paths.get(out).toAbsolutePath();
      for (Path p = local; p != null; p = p.getParent()) {
        if (Files.exists(p) && !Files.isDirectory(p)) {
          throw new BadInputException("--out " + out + ": " + p + " is a file, not a directory");
        }
      }
    }
    return OutputLayout.of(out);
  }

  /** The path split for {@code paths} paths, honouring {@code --chunk-paths}. */
  public PathBlocks blocks(long paths) {
    long chunk = chunkPaths != null ? chunkPaths : PathBlocks.DEFAULT_CHUNK_PATHS;
    if (chunk < PathBlocks.DEFAULT_BLOCK_PATHS || chunk % PathBlocks.DEFAULT_BLOCK_PATHS != 0) {
      throw new BadInputException("--chunk-paths " + chunk + ": must be a positive multiple of "
          + PathBlocks.DEFAULT_BLOCK_PATHS);
    }
    return PathBlocks.of(paths, chunk);
  }
}
