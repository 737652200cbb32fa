package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.simulate.PathBlocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import picocli.CommandLine.Option;

/**
 * Options of the commands that run Spark: output root, run id, partitions, chunk size, master.
 * {@code bench} mixes them in too, with its own defaults for the output root and run id.
 */
public final class RunOptions {
  /** The output root when {@code --out} is not given. */
  public static final String DEFAULT_OUT = "out";

  /** What a run id may contain: it names directories and must survive every file system. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output root (local directory or Hadoop URI). Default: " + DEFAULT_OUT
          + "/ (bench: a new temporary directory, each pair's output deleted after its checksum).")
  String out;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id, [A-Za-z0-9._-]+. Default: the scenario name. Rerunning a complete id "
          + "replaces it; an interrupted one resumes. (bench: a prefix, default bench; pair i "
          + "writes run ID-i.)")
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
    if (partitions != null && (partitions < 1 || partitions > MAX_PARTITIONS)) {
      throw new BadInputException("--partitions " + partitions + ": must lie in [1, "
          + MAX_PARTITIONS + "] (a chunk is split into at most one partition per block of paths)");
    }
    return partitions;
  }

  private static final java.util.Set<String> KNOWN_SCHEMES = java.util.Set.of("file", "hdfs",
      "s3a", "gs", "abfs", "abfss", "wasb", "wasbs", "viewfs", "ofs", "o3fs");

  /** Most partitions per chunk: a chunk of the largest size has this many blocks. */
  public static final int MAX_PARTITIONS = 10_000;

  /** Most paths per chunk (the most paths a run may have). */
  public static final long MAX_CHUNK_PATHS = 1_000_000_000L;

  /**
   * Longest run id: it names directories ({@code run_id=<id>}) whose entries must fit a file
   * system's 255-byte name limit with room for Hadoop's prefixes.
   */
  public static final int MAX_RUN_ID_LENGTH = 128;

  /** The run id: {@code --run-id}, else the scenario's name; validated. */
  public String runId(ResolvedScenario scenario) {
    return runId(scenario.name(), "run id (the scenario name; set --run-id)");
  }

  /** The run id: {@code --run-id}, else {@code fallback}; validated. */
  public String runIdOr(String fallback) {
    return runId(fallback, "run id (default " + fallback + "; set --run-id)");
  }

  /** Whether {@code --out} was given. */
  public boolean hasOut() {
    return out != null;
  }

  private String runId(String fallback, String fallbackSource) {
    return runIdChecked(runId != null ? runId : fallback, runId != null ? "--run-id" : fallbackSource);
  }

  /** {@code id} if it is a valid run id; bad input naming {@code source} otherwise. */
  static String runIdChecked(String id, String source) {
    if (!RUN_ID.matcher(id).matches()) {
      throw new BadInputException(source + " '" + id + "': must match [A-Za-z0-9._-]+");
    }
    if (id.length() > MAX_RUN_ID_LENGTH) {
      throw new BadInputException(source + " '" + id.substring(0, 20) + "...' (" + id.length()
          + " characters): must be at most " + MAX_RUN_ID_LENGTH + " characters");
    }
    if (id.equals(".") || id.equals("..")) {
      throw new BadInputException(source + " '" + id + "': must not be . or ..");
    }
    return id;
  }

  /** The output layout; a local root that exists must be a directory. Creates nothing. */
  public OutputLayout layout() {
    return layoutChecked(out != null ? out : DEFAULT_OUT);
  }

  /**
   * The output layout of {@code --out} value {@code out}: a known or installed Hadoop scheme, or
   * a local path whose existing ancestors are directories and the nearest one writable. Creates
   * nothing.
   */
  static OutputLayout layoutChecked(String out) {
    if (out.isBlank()) {
      throw new BadInputException("--out '': must name a directory");
    }
    if (OutputLayout.hasScheme(out)) {
      String scheme = out.substring(0, out.indexOf(':'));
      try {
        // Known schemes may be configured only in the cluster's Spark conf: left to Hadoop.
        if (!KNOWN_SCHEMES.contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
          FileSystem.getFileSystemClass(scheme, new Configuration());
        }
      } catch (IOException | RuntimeException e) {
        throw new BadInputException("--out " + out + ": no Hadoop file system for scheme "
            + scheme + "; use a local directory, file:, hdfs: or s3a: (with its jars)");
      }
      if (scheme.equals("file")) {
        checkLocalOut(out, Paths.get(new org.apache.hadoop.fs.Path(out).toUri().getPath()));
      }
      return OutputLayout.of(out);
    }
    if (out.contains(":")) {
      // Hadoop reads "a:b" as a URI with scheme "a" (or fails on a relative path in a URI).
      throw new BadInputException("--out " + out + ": a local path must not contain ':'; "
          + "rename the directory, or give a file: URI");
    }
    checkLocalOut(out, Paths.get(out).toAbsolutePath());
    return OutputLayout.of(out);
  }

  /** A local root: every existing ancestor a directory, the nearest one writable. */
  private static void checkLocalOut(String shown, Path local) {
    Path nearest = null;
    for (Path p = local; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        if (!Files.isDirectory(p)) {
          throw new BadInputException("--out " + shown + ": " + p + " is a file, not a directory");
        }
        if (nearest == null) {
          nearest = p;
        }
      }
    }
    if (nearest != null && !writable(nearest)) {
      throw new BadInputException("--out " + shown + ": " + nearest
          + " is not writable (read-only file system, immutable or no permission)");
    }
  }

  /**
   * Whether a directory accepts new entries: its permissions and, since permissions do not
   * stop root, its file store (read-only mount). Immutable directories show as not writable.
   */
  private static boolean writable(Path dir) {
    try {
      return Files.isWritable(dir) && !Files.getFileStore(dir).isReadOnly();
    } catch (IOException e) {
      return false;
    }
  }

  /** The path split for {@code paths} paths, honouring {@code --chunk-paths}. */
  public PathBlocks blocks(long paths) {
    long chunk = chunkPaths != null ? chunkPaths : PathBlocks.DEFAULT_CHUNK_PATHS;
    if (chunk < PathBlocks.DEFAULT_BLOCK_PATHS || chunk % PathBlocks.DEFAULT_BLOCK_PATHS != 0
        || chunk > MAX_CHUNK_PATHS) {
      throw new BadInputException("--chunk-paths " + chunk + ": must be a positive multiple of "
          + PathBlocks.DEFAULT_BLOCK_PATHS + ", at most " + MAX_CHUNK_PATHS);
    }
    return PathBlocks.of(paths, chunk);
  }
}
