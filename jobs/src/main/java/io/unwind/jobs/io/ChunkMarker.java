package io.unwind.jobs.io;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The commit marker of one chunk of a run: written after all three tables of the chunk are
 * written, it is the chunk's commit point. A chunk without one is partial, whatever its
 * directories hold.
 *
 * @param runId the run id
 * @param chunk the chunk number
 * @param configHash the config hash of the run that wrote the chunk
 * @param chunkPaths paths per chunk of that run
 * @param pathStart first path id of the chunk
 * @param pathEnd one past the last path id of the chunk
 * @param pathRows rows the chunk holds in {@code paths}
 * @param eventRows rows the chunk holds in {@code events}
 * @param sampleRows rows the chunk holds in {@code samples}
 * @param attemptId the run attempt that owns the chunk (null in markers of older unwind versions)
 * @param files every data file of the chunk in the three tables, with its size and SHA-256
 *     (empty in markers of older unwind versions: such a chunk cannot be verified)
 */
public record ChunkMarker(String runId, int chunk, String configHash, long chunkPaths,
    long pathStart, long pathEnd, long pathRows, long eventRows, long sampleRows,
    String attemptId, List<DataFile> files) {

  /**
   * One data file of a chunk.
   *
   * @param path the file's path relative to the output root, e.g.
   *     {@code paths/run_id=r/strategy=levered-erc/chunk=0/part-00000-….zstd.parquet}
   * @param bytes its length
   * @param sha256 lower-case hex SHA-256 of its bytes
   */
  public record DataFile(String path, long bytes, String sha256) {
    public DataFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  public ChunkMarker {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(configHash, "configHash");
    if (chunk < 0 || pathStart < 0 || pathEnd <= pathStart || chunkPaths < 1) {
      throw new IllegalArgumentException("bad chunk " + chunk + " [" + pathStart + ", " + pathEnd
          + ") of " + chunkPaths);
    }
    if (pathRows < 0 || eventRows < 0 || sampleRows < 0) {
      throw new IllegalArgumentException("row counts must not be negative");
    }
    files = List.copyOf(files);
  }

  /** A marker without an attempt or file list (the form of older unwind versions). */
  public ChunkMarker(String runId, int chunk, String configHash, long chunkPaths,
      long pathStart, long pathEnd, long pathRows, long eventRows, long sampleRows) {
    this(runId, chunk, configHash, chunkPaths, pathStart, pathEnd, pathRows, eventRows,
        sampleRows, null, List.of());
  }

  /** This marker owned by {@code attempt} (a resumed run adopts the chunks it verified). */
  public ChunkMarker withAttempt(String attempt) {
    return new ChunkMarker(runId, chunk, configHash, chunkPaths, pathStart, pathEnd, pathRows,
        eventRows, sampleRows, attempt, files);
  }

  /** The marker as one line of JSON (keys sorted). */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", runId);
    m.put("chunk", chunk);
    m.put("config_hash", configHash);
    m.put("chunk_paths", chunkPaths);
    m.put("path_start", pathStart);
    m.put("path_end", pathEnd);
    m.put("path_rows", pathRows);
    m.put("event_rows", eventRows);
    m.put("sample_rows", sampleRows);
    if (attemptId != null) {
      m.put("attempt_id", attemptId);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (DataFile f : files) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", f.path());
      e.put("bytes", f.bytes());
      e.put("sha256", f.sha256());
      list.add(e);
    }
    m.put("files", list);
    return ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise()) + "\n";
  }

  /**
   * The marker in {@code json}, parsed with Typesafe Config (a JSON superset parser).
   *
   * @throws RuntimeException when the text is not a complete marker
   */
  public static ChunkMarker fromJson(String json) {
    Config c = ConfigFactory.parseString(json);
    List<DataFile> files = new ArrayList<>();
    if (c.hasPath("files")) {
      for (Config f : c.getConfigList("files")) {
        files.add(new DataFile(f.getString("path"), f.getLong("bytes"), f.getString("sha256")));
      }
    }
    return new ChunkMarker(c.getString("run_id"), c.getInt("chunk"), c.getString("config_hash"),
        c.getLong("chunk_paths"), c.getLong("path_start"), c.getLong("path_end"),
        c.getLong("path_rows"), c.getLong("event_rows"), c.getLong("sample_rows"),
        c.hasPath("attempt_id") ? c.getString("attempt_id") : null, files);
  }
}
