package io.unwind.jobs.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The data files of a run's chunks, their digests, and their check against the commit markers.
 *
 * <p>A marker lists every file its chunk holds in {@code paths}, {@code events} and
 * {@code samples} with its length and SHA-256; a chunk is sound when its directories hold
 * exactly those files with exactly those bytes. That catches what row counts in footers cannot:
 * flipped bytes, a truncated file, a file added or duplicated, a file swapped in from another run.
 * Hidden files (Hadoop's {@code .crc} sidecars, {@code _SUCCESS}) are not data and not listed.
 */
public final class ChunkFiles {
  /** The tables whose rows are committed chunk by chunk. */
  public static final List<Table> CHUNKED = List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES);

  private ChunkFiles() {
  }

  /** Every data file under the run's chunk directories, by path relative to the root. */
  public static SortedMap<String, FileStatus> list(Configuration hadoop, OutputLayout out,
      String runId) {
    SortedMap<String, FileStatus> files = new TreeMap<>();
    for (Table t : CHUNKED) {
      Path dir = new Path(out.run(t, runId));
      try {
        FileSystem fs = dir.getFileSystem(hadoop);
        if (fs.exists(dir)) {
          collect(fs, dir, out, files);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + dir, e);
      }
    }
    return files;
  }

  private static void collect(FileSystem fs, Path dir, OutputLayout out,
      SortedMap<String, FileStatus> files) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (s.isDirectory()) {
        collect(fs, s.getPath(), out, files);
      } else {
        files.put(relative(out, s.getPath()), s);
      }
    }
  }

  /**
   * The files of one chunk (in every strategy of every chunked table), digested. Lists only that
   * chunk's directories, so committing chunk after chunk does not walk the whole run each time.
   */
  public static List<ChunkMarker.DataFile> digest(Configuration hadoop, OutputLayout out,
      String runId, int chunk) {
    SortedMap<String, FileStatus> files = new TreeMap<>();
    for (Table t : CHUNKED) {
      Path glob = new Path(out.run(t, runId) + "/strategy=*/chunk=" + chunk);
      try {
        FileSystem fs = glob.getFileSystem(hadoop);
        FileStatus[] dirs = fs.globStatus(glob);
        for (FileStatus dir : dirs == null ? new FileStatus[0] : dirs) {
          collect(fs, dir.getPath(), out, files);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + glob, e);
      }
    }
    List<ChunkMarker.DataFile> digests = new ArrayList<>();
    for (Map.Entry<String, FileStatus> e : files.entrySet()) {
      digests.add(new ChunkMarker.DataFile(e.getKey(), e.getValue().getLen(),
          sha256(hadoop, e.getValue().getPath())));
    }
    return digests;
  }

  /**
   * What is wrong with chunk {@code m.chunk()}'s files, naming the file; null when they are
   * exactly the files the marker lists. {@code present} is {@link #list}'s result.
   */
  public static String problem(Configuration hadoop, OutputLayout out, ChunkMarker m,
      SortedMap<String, FileStatus> present) {
    if (m.files().isEmpty()) {
      return "chunk " + m.chunk() + ": its marker lists no files (written by an older unwind "
          + "without file digests)";
    }
    SortedMap<String, ChunkMarker.DataFile> listed = new TreeMap<>();
    for (ChunkMarker.DataFile f : m.files()) {
      listed.put(f.path(), f);
    }
    for (Map.Entry<String, FileStatus> e : present.entrySet()) {
      if (chunkOf(e.getKey()) == m.chunk() && !listed.containsKey(e.getKey())) {
        return e.getKey() + ": not listed in chunk " + m.chunk() + "'s marker (an extra file)";
      }
    }
    for (ChunkMarker.DataFile f : listed.values()) {
      FileStatus s = present.get(f.path());
      if (s == null) {
        return f.path() + ": missing (chunk " + m.chunk() + "'s marker lists it)";
      }
      if (s.getLen() != f.bytes()) {
        return f.path() + ": " + s.getLen() + " bytes, the marker says " + f.bytes();
      }
      String actual;
      try {
        actual = sha256(hadoop, s.getPath());
      } catch (RuntimeException e) {
        return f.path() + ": cannot be read: " + e.getMessage();
      }
      if (!actual.equals(f.sha256())) {
        return f.path() + ": SHA-256 " + actual.substring(0, 12) + "…, the marker says "
            + f.sha256().substring(0, Math.min(12, f.sha256().length())) + "… (changed since commit)";
      }
    }
    return null;
  }

  /** The chunk number in a relative data-file path ({@code …/chunk=<c>/part-…}), or -1. */
  public static int chunkOf(String relative) {
    int i = relative.indexOf("/chunk=");
    if (i < 0) {
      return -1;
    }
    int end = relative.indexOf('/', i + 1);
    Integer c = OutputLayout.chunkNumber(relative.substring(i + 1, end < 0 ? relative.length() : end));
    return c == null ? -1 : c;
  }

  private static String relative(OutputLayout out, Path file) {
    String root = new Path(out.root()).toUri().getPath();
    String p = file.toUri().getPath();
    return p.startsWith(root + "/") ? p.substring(root.length() + 1) : p;
  }

  /** Lower-case hex SHA-256 of a file's bytes, read through Hadoop's FileSystem. */
  static String sha256(Configuration hadoop, Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      FileSystem fs = file.getFileSystem(hadoop);
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = fs.open(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          md.update(buffer, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }
}
