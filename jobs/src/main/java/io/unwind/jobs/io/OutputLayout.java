package io.unwind.jobs.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where each table lives under the output root.
 *
 * <pre>
 * &lt;root&gt;/paths/run_id=&lt;id&gt;/strategy=&lt;s&gt;/chunk=&lt;c&gt;/part-*.zstd.parquet
 * &lt;root&gt;/events/…      (same levels as paths)
 * &lt;root&gt;/samples/…     (same levels as paths)
 * &lt;root&gt;/runs/run_id=&lt;id&gt;/part-*.parquet
 * &lt;root&gt;/summary/run_id=&lt;id&gt;/…
 * &lt;root&gt;/histograms/run_id=&lt;id&gt;/…
 * &lt;root&gt;/_chunks/run_id=&lt;id&gt;/chunk=&lt;c&gt;.json   (commit markers, {@link ChunkMarkers})
 * &lt;root&gt;/_writers/run_id=&lt;id&gt;/owner.json       (the attempt writing the run, {@link RunOwner})
 * &lt;root&gt;/_staging/run_id=&lt;id&gt;/attempt=&lt;a&gt;/…   (a chunk's tables before they move into place)
 * </pre>
 *
 * <p>The {@code chunk} level lets a run commit path-id ranges one at a time: with dynamic
 * partition overwrite a chunk's write replaces exactly that chunk's directories. A root without a
 * URI scheme is made absolute against the working directory and resolved by Hadoop against the
 * default file system (the local disk unless a cluster configures another).
 *
 * @param root the output root as a Hadoop path string (absolute, or with a scheme)
 */
public record OutputLayout(String root) {
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

  public OutputLayout {
    Objects.requireNonNull(root, "root");
  }

  /** The layout for a user-given root: a local path or a Hadoop URI (hdfs://, s3a://, file:/). */
  public static OutputLayout of(String userRoot) {
    String trimmed = stripTrailingSlash(userRoot);
    if (hasScheme(trimmed)) {
      return new OutputLayout(trimmed);
    }
    return new OutputLayout(Paths.get(trimmed).toAbsolutePath().normalize().toString());
  }

  /** Whether a user-given location carries a URI scheme (and so goes through Hadoop's FileSystem). */
  public static boolean hasScheme(String location) {
    return SCHEME.matcher(location).matches();
  }

  /** The table's root directory. */
  public String table(Table table) {
    return root + "/" + table.dirName();
  }

  /** The directory holding one run's data of the table. */
  public String run(Table table, String runId) {
    return table(table) + "/run_id=" + runId;
  }

  /** The directory holding one strategy's data of a run (paths, events, samples). */
  public String strategy(Table table, String runId, String strategy) {
    return run(table, runId) + "/strategy=" + strategy;
  }

  /** The directory holding one chunk of a strategy's data (paths, events, samples). */
  public String chunk(Table table, String runId, String strategy, int chunk) {
    return strategy(table, runId, strategy) + "/chunk=" + chunk;
  }

  /**
   * The directory of a run's chunk commit markers. It starts with an underscore, which Spark and
   * Hadoop input formats treat as hidden, and sits beside (not inside) the tables.
   */
  public String chunkMarkers(String runId) {
    return root + "/_chunks/run_id=" + runId;
  }

  /** The commit marker of chunk {@code chunk} of a run. */
  public String chunkMarker(String runId, int chunk) {
    return chunkMarkers(runId) + "/chunk=" + chunk + ".json";
  }

  /** The file naming the attempt that owns a run ({@link RunOwner}). */
  public String owner(String runId) {
    return root + "/_writers/run_id=" + runId + "/owner.json";
  }

  /** The heartbeat file of one attempt of a run. */
  public String heartbeat(String runId, String attemptId) {
    return root + "/_writers/run_id=" + runId + "/" + attemptId + ".alive";
  }

  /** Where every attempt of a run stages its chunks' tables before moving them into place. */
  public String stagingOfRun(String runId) {
    return root + "/_staging/run_id=" + runId;
  }

  /** The layout one attempt writes a chunk's tables to before they move into place. */
  public OutputLayout staging(String runId, String attemptId) {
    return new OutputLayout(stagingOfRun(runId) + "/attempt=" + attemptId);
  }

  /**
   * Deletes the {@code .spark-staging-*} directories Spark's dynamic partition overwrite left in
   * the table roots that are older than {@code minAgeMillis} (a killed driver leaves one; a live
   * job's is younger than any of its writes). Returns how many were deleted.
   */
  public int deleteStaleSparkStaging(Configuration hadoop, long minAgeMillis) {
    int deleted = 0;
    long now = System.currentTimeMillis();
    for (Table t : Table.values()) {
      Path dir = new Path(table(t));
      try {
        FileSystem fs = dir.getFileSystem(hadoop);
        if (!fs.exists(dir)) {
          continue;
        }
        for (FileStatus s : fs.listStatus(dir)) {
          if (s.isDirectory() && s.getPath().getName().startsWith(".spark-staging-")
              && now - s.getModificationTime() > minAgeMillis && fs.delete(s.getPath(), true)) {
            deleted++;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clean " + dir, e);
      }
    }
    return deleted;
  }

  /**
   * Deletes every entry below the run's {@code strategy=*} directories of the table that is not a
   * {@code chunk=<k>} directory with {@code k} in {@code keep}: the partial chunks an interrupted
   * run left (and any stray file). Returns the chunk numbers whose directories were deleted.
   */
  public SortedSet<Integer> deleteChunksExcept(Configuration hadoop, Table table,
      String runId, Set<Integer> keep) {
    Path dir = new Path(run(table, runId));
    SortedSet<Integer> deleted = new TreeSet<>();
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return deleted;
      }
      for (FileStatus strategy : fs.listStatus(dir)) {
        if (!strategy.isDirectory()) {
          fs.delete(strategy.getPath(), false);
          continue;
        }
        for (FileStatus entry : fs.listStatus(strategy.getPath())) {
          Integer c = chunkNumber(entry.getPath().getName());
          if (entry.isDirectory() && c != null && keep.contains(c)) {
            continue;
          }
          fs.delete(entry.getPath(), true);
          if (c != null) {
            deleted.add(c);
          }
        }
      }
      return deleted;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean partial chunks under " + dir, e);
    }
  }

  /** The chunk number of a {@code chunk=<k>} directory name, or null for any other name. */
  static Integer chunkNumber(String name) {
    if (!name.startsWith("chunk=")) {
      return null;
    }
    try {
      int c = Integer.parseInt(name.substring("chunk=".length()));
      return c >= 0 ? c : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether the run has a directory in the table. */
  public boolean exists(Configuration hadoop, Table table, String runId) {
    Path dir = new Path(run(table, runId));
    try {
      return dir.getFileSystem(hadoop).exists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + dir, e);
    }
  }

  /** Deletes every file of the run in the table; nothing else. Returns whether anything was there. */
  public boolean deleteRun(Configuration hadoop, Table table, String runId) {
    Path dir = new Path(run(table, runId));
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      return fs.exists(dir) && fs.delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private static String stripTrailingSlash(String s) {
    String t = s;
    while (t.length() > 1 && t.endsWith("/") && !t.endsWith("://")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
