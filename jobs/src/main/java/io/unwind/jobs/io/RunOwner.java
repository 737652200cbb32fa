package io.unwind.jobs.io;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One writer per run: the attempt that holds a run id's owner file
 * ({@link OutputLayout#owner(String)}) is the only one that commits chunks or the run.
 *
 * <p>The owner file is created exclusively: with the JDK's {@code CREATE_NEW} on the local file
 * system and Hadoop's {@code create(path, overwrite = false)} elsewhere, which HDFS does
 * atomically; so of two attempts starting together exactly one owns the run. (On S3A it is a check then a PUT: two attempts started within
 * milliseconds of each other could both believe they own the run; the check before each commit
 * and the digests in the markers still catch the mixture, at aggregate at the latest.)
 *
 * <p>A new attempt finding another attempt's file takes over when that attempt is dead (same host
 * and its process is gone, or its heartbeat file is older than {@link #LEASE}) or when told to
 * ({@code --fresh}); otherwise it fails naming the owner. The owner checks the file before every
 * chunk is moved into place, before every marker and before {@code complete}; an attempt that
 * lost the run stops there. A check-then-commit leaves a window of a few milliseconds (a stalled
 * driver can stall inside it); what is guaranteed is that the markers and the {@code runs} row
 * name one attempt, and that any file changed after its chunk's commit fails the digest check
 * on resume and in {@code aggregate}.
 */
public final class RunOwner implements AutoCloseable {
  /** A heartbeat older than this marks its attempt dead. */
  public static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration BEAT = Duration.ofSeconds(10);

  private final Configuration hadoop;
  private final OutputLayout out;
  private final String runId;
  private final String attemptId;
  private final ScheduledExecutorService heartbeat;

  private RunOwner(Configuration hadoop, OutputLayout out, String runId, String attemptId) {
    this.hadoop = hadoop;
    this.out = out;
    this.runId = runId;
    this.attemptId = attemptId;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "unwind-heartbeat-" + runId);
      t.setDaemon(true);
      return t;
    });
  }

  /** This attempt's id (a random UUID: it identifies a process, it is no simulated number). */
  public String attemptId() {
    return attemptId;
  }

  /**
   * Makes a new attempt the owner of {@code runId}.
   *
   * @param takeOver take the run from a live owner ({@code --fresh})
   * @throws RunOwnershipException when a live attempt owns the run and {@code takeOver} is false,
   *     or another attempt won the race for it
   */
  public static RunOwner acquire(Configuration hadoop, OutputLayout out, String runId,
      boolean takeOver) {
    RunOwner owner = new RunOwner(hadoop, out, runId, UUID.randomUUID().toString());
    owner.claim(takeOver);
    try {
      owner.beat();
      owner.heartbeat.scheduleWithFixedDelay(owner::beatQuietly, BEAT.toMillis(), BEAT.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      owner.close();
      throw e;
    }
    return owner;
  }

  private void claim(boolean takeOver) {
    Path file = new Path(out.owner(runId));
    try {
      FileSystem fs = file.getFileSystem(hadoop);
      if (create(fs, file)) {
        return;
      }
      Optional<Map<String, String>> current = read(fs, file);
      if (current.isPresent()) {
        String why = deadReason(fs, current.get());
        if (why == null && !takeOver) {
          throw new RunOwnershipException("run '" + runId + "' is being written by attempt "
              + describe(current.get()) + "; wait for it to finish, or pass --fresh to take the "
              + "run over (that attempt then stops without committing anything)");
        }
      }
      fs.delete(file, false);
      if (!create(fs, file)) {
        Optional<Map<String, String>> winner = read(fs, file);
        throw new RunOwnershipException("run '" + runId + "': attempt "
            + winner.map(RunOwner::describe).orElse("(unknown)")
            + " took the run at the same moment; rerun when it has finished");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim run '" + runId + "' at " + file, e);
    }
  }

  private boolean create(FileSystem fs, Path file) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("attempt_id", attemptId);
    m.put("host", host());
    m.put("pid", Long.toString(ProcessHandle.current().pid()));
    m.put("started", Long.toString(System.currentTimeMillis()));
    byte[] text = ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise())
        .getBytes(StandardCharsets.UTF_8);
    if ("file".equals(fs.getScheme())) {
      // Hadoop's local create(overwrite = false) is a check then an open; the JDK's createFile
      // is O_CREAT | O_EXCL, atomic.
      java.nio.file.Path local = java.nio.file.Paths.get(fs.makeQualified(file).toUri());
      java.nio.file.Files.createDirectories(local.getParent());
      try {
        java.nio.file.Files.write(local, text, java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    try (OutputStream os = fs.create(file, false)) {
      os.write(text);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      // Some file systems report an existing file as a plain IOException.
      if (fs.exists(file)) {
        return false;
      }
      throw e;
    }
  }

  /** Why the attempt in {@code owner} is dead, or null when it may be alive. */
  private String deadReason(FileSystem fs, Map<String, String> owner) throws IOException {
    String attempt = owner.get("attempt_id");
    if (host().equals(owner.get("host"))) {
      try {
        long pid = Long.parseLong(owner.getOrDefault("pid", "-1"));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          return null;
        }
        return "its process " + pid + " on this host is gone";
      } catch (NumberFormatException e) {
        // fall through to the heartbeat
      }
    }
    Path beat = new Path(out.heartbeat(runId, attempt));
    long last = fs.exists(beat) ? fs.getFileStatus(beat).getModificationTime() : 0L;
    long age = System.currentTimeMillis() - last;
    return age > LEASE.toMillis() ? "no heartbeat for " + age / 1000 + " s" : null;
  }

  /**
   * Fails unless this attempt still owns the run.
   *
   * @throws RunOwnershipException naming the attempt that owns it now
   */
  public void check() {
    Path file = new Path(out.owner(runId));
    Optional<Map<String, String>> current;
    try {
      current = read(file.getFileSystem(hadoop), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (current.isEmpty() || !attemptId.equals(current.get().get("attempt_id"))) {
      throw new RunOwnershipException("run '" + runId + "': attempt " + attemptId
          + " no longer owns the run (" + current.map(o -> "attempt " + describe(o) + " took it over")
              .orElse("its owner file is gone: another attempt took it over and finished")
          + "); stopped without committing anything further");
    }
  }

  /** Stops the heartbeat and gives the run up, if this attempt still owns it. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      Path file = new Path(out.owner(runId));
      FileSystem fs = file.getFileSystem(hadoop);
      Optional<Map<String, String>> current = read(fs, file);
      if (current.isPresent() && attemptId.equals(current.get().get("attempt_id"))) {
        fs.delete(file, false);
      }
      fs.delete(new Path(out.heartbeat(runId, attemptId)), false);
    } catch (IOException | RuntimeException e) {
      // A left-over file is harmless: the next attempt finds this process gone or silent.
    }
  }

  private void beat() {
    Path file = new Path(out.heartbeat(runId, attemptId));
    try (OutputStream os = file.getFileSystem(hadoop).create(file, true)) {
      os.write(Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write heartbeat " + file, e);
    }
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      // The next beat retries; a lost lease shows at the next ownership check.
    }
  }

  private static Optional<Map<String, String>> read(FileSystem fs, Path file) throws IOException {
    try (InputStream in = fs.open(file)) {
      Config c = ConfigFactory.parseString(new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8));
      Map<String, String> m = new LinkedHashMap<>();
      for (String k : new String[] {"attempt_id", "host", "pid", "started"}) {
        if (c.hasPath(k)) {
          m.put(k, c.getString(k));
        }
      }
      return m.containsKey("attempt_id") ? Optional.of(m) : Optional.empty();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      // A garbled owner file (a writer killed inside create): nobody owns the run.
      return Optional.empty();
    }
  }

  private static String describe(Map<String, String> owner) {
    return owner.get("attempt_id") + " (host " + owner.getOrDefault("host", "?") + ", pid "
        + owner.getOrDefault("pid", "?") + ")";
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
