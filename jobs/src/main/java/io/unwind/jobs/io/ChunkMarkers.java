package io.unwind.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads and writes a run's chunk commit markers ({@link OutputLayout#chunkMarkers(String)})
 * through Hadoop's FileSystem, so they live wherever the tables do (local disk, HDFS, S3A).
 */
public final class ChunkMarkers {
  /** Largest marker read (a chunk lists a few files per strategy and table). */
  private static final int MAX_MARKER_BYTES = 4 << 20;

  private ChunkMarkers() {
  }

  /**
   * Writes {@code marker}, replacing any earlier one of the chunk. The text goes to a hidden
   * temporary file first and is renamed into place, so a reader never sees half a marker (on
   * object stores, whose rename is a copy, the single small PUT is itself all-or-nothing).
   */
  public static void write(Configuration hadoop, OutputLayout out, ChunkMarker marker) {
    Path target = new Path(out.chunkMarker(marker.runId(), marker.chunk()));
    Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(hadoop);
      try (OutputStream os = fs.create(tmp, true)) {
        os.write(marker.toJson().getBytes(StandardCharsets.UTF_8));
      }
      fs.delete(target, false);
      if (!fs.rename(tmp, target)) {
        throw new IOException("rename " + tmp + " -> " + target + " returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chunk marker " + target, e);
    }
  }

  /**
   * The run's markers by chunk number. A marker file that cannot be parsed (or names another
   * chunk or run) counts as absent: its chunk is then recomputed.
   */
  public static SortedMap<Integer, ChunkMarker> read(Configuration hadoop, OutputLayout out,
      String runId) {
    Path dir = new Path(out.chunkMarkers(runId));
    SortedMap<Integer, ChunkMarker> markers = new TreeMap<>();
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.exists(dir)) {
        return markers;
      }
      for (FileStatus f : fs.listStatus(dir)) {
        String name = f.getPath().getName();
        if (!f.isFile() || !name.startsWith("chunk=") || !name.endsWith(".json")) {
          continue;
        }
        ChunkMarker m = parse(fs, f.getPath());
        if (m != null && m.runId().equals(runId) && name.equals("chunk=" + m.chunk() + ".json")) {
          markers.put(m.chunk(), m);
        }
      }
      return markers;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list chunk markers under " + dir, e);
    }
  }

  private static ChunkMarker parse(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      return ChunkMarker.fromJson(new String(in.readNBytes(MAX_MARKER_BYTES), StandardCharsets.UTF_8));
    } catch (RuntimeException | IOException e) {
      // Garbled, cut short, or failing its .crc sidecar (ChecksumException): not a commit.
      return null;
    }
  }

  /** Deletes the marker of one chunk, if there is one. */
  public static void delete(Configuration hadoop, OutputLayout out, String runId, int chunk) {
    deletePath(hadoop, new Path(out.chunkMarker(runId, chunk)), false);
  }

  /** Deletes every marker of the run. */
  public static void deleteAll(Configuration hadoop, OutputLayout out, String runId) {
    deletePath(hadoop, new Path(out.chunkMarkers(runId)), true);
  }

  private static void deletePath(Configuration hadoop, Path p, boolean recursive) {
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (fs.exists(p)) {
        fs.delete(p, recursive);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + p, e);
    }
  }
}
