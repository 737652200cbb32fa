package io.unwind.jobs.io;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;
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
 */
public record ChunkMarker(String runId, int chunk, String configHash, long chunkPaths,
    long pathStart, long pathEnd, long pathRows, long eventRows, long sampleRows) {

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
  }

  /** The marker as one line of JSON (every value a number or a string of [0-9A-Za-z._-]). */
  public String toJson() {
    return String.format(Locale.ROOT,
        "{\"run_id\":\"%s\",\"chunk\":%d,\"config_hash\":\"%s\",\"chunk_paths\":%d,"
            + "\"path_start\":%d,\"path_end\":%d,\"path_rows\":%d,\"event_rows\":%d,\"sample_rows\":%d}%n",
        runId, chunk, configHash, chunkPaths, pathStart, pathEnd, pathRows, eventRows, sampleRows);
  }

  /**
   * The marker in {@code json}, parsed with Typesafe Config (a JSON superset parser).
   *
   * @throws RuntimeException when the text is not a complete marker
   */
  public static ChunkMarker fromJson(String json) {
    Config c = ConfigFactory.parseString(json);
    return new ChunkMarker(c.getString("run_id"), c.getInt("chunk"), c.getString("config_hash"),
        c.getLong("chunk_paths"), c.getLong("path_start"), c.getLong("path_end"),
        c.getLong("path_rows"), c.getLong("event_rows"), c.getLong("sample_rows"));
  }
}
