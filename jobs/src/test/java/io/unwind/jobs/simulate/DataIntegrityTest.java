package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.cli.CliContext;
import io.unwind.jobs.cli.ExitCodes;
import io.unwind.jobs.cli.UnwindCli;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Table;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 cases 3, 4, 5 and 8 in the shared local[2] session: committed files that were
 * corrupted, truncated, deleted or duplicated, and edited markers. Resume recomputes exactly the
 * damaged chunks (naming the file) and ends with an uninterrupted run's rows; aggregate refuses
 * a damaged complete run with exit 2 naming the file, and leaves no summary behind.
 */
class DataIntegrityTest {
  private static final int PATHS = 3000;
  private static final Map<String, String> SMALL = Map.of(
      "paths", Integer.toString(PATHS), "horizon-days", "63", "sample-every", "100");

  @TempDir
  static Path tmp;

  private static final SparkSession SPARK = SharedSpark.session();
  private static OutputLayout out;
  private static ResolvedScenario scenario;
  private static PathBlocks blocks;

  @BeforeAll
  static void reference() {
    out = OutputLayout.of(tmp.toString());
    scenario = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"), SMALL);
    blocks = PathBlocks.of(PATHS, 1000);
    simulate("ref", new Recorder(), new ByteArrayOutputStream());
  }

  private static final class Recorder implements ChunkListener {
    final List<Integer> computed = new ArrayList<>();

    @Override
    public void computing(int chunk) {
      computed.add(chunk);
    }

    @Override
    public void committed(int chunk) {
    }
  }

  private static SimulateJob.Result simulate(String runId, Recorder recorder,
      ByteArrayOutputStream console) {
    return SimulateJob.run(SPARK, scenario, out, runId, 2, blocks, false,
        new PrintStream(console, true, StandardCharsets.UTF_8), recorder);
  }

  /** Runs aggregate through the CLI; returns the exit code, stderr in {@code err}. */
  private static int aggregate(String runId, StringWriter err) {
    CliContext ctx = new CliContext((app, master) -> SPARK, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    return UnwindCli.execute(ctx, "aggregate", "--out", tmp.toString(), "--run-id", runId);
  }

  /** The first data file of a chunk of a table (the first strategy's). */
  private static Path dataFile(Table t, String runId, int chunk) throws IOException {
    Path dir = Path.of(out.chunk(t, runId, scenario.strategies().get(0).key(), chunk));
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted()
          .findFirst().orElseThrow();
    }
  }

  /** Flips bytes in the middle of a file and removes Hadoop's .crc sidecar (as a copy would). */
  private static void flipBytes(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      byte[] b = new byte[8];
      f.readFully(b);
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) ~b[i];
      }
      f.seek(at);
      f.write(b);
    }
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
  }

  private static void setStatus(String runId, RunStatus status) {
    RunRecord r = Tables.readRunRecord(SPARK, out, runId).orElseThrow();
    Tables.writeRun(SPARK, out, r.finish(status, null));
  }

  private static List<Row> rows(Table t, String runId) {
    return Tables.readRun(SPARK, out, t, runId).drop("run_id")
        .orderBy("strategy", t == Table.PATHS ? new String[] {"path_id"} : new String[] {"path_id", "day"})
        .collectAsList();
  }

  private static void assertEqualsReference(String runId) {
    for (Table t : List.of(Table.PATHS, Table.EVENTS, Table.SAMPLES)) {
      assertThat(rows(t, runId)).as("%s of %s vs the reference", t.dirName(), runId)
          .isEqualTo(rows(t, "ref"));
    }
    assertThat(Tables.readRunRecord(SPARK, out, runId).orElseThrow().status())
        .isEqualTo(RunStatus.COMPLETE);
  }

  private static String relative(Path file) {
    return tmp.relativize(file).toString();
  }

  @Test
  void aggregate_flippedBytesWithoutCrc_exit2NamingTheFileAndNoSummaryLeft() throws IOException {
    simulate("flip", new Recorder(), new ByteArrayOutputStream());
    assertThat(aggregate("flip", new StringWriter())).isEqualTo(ExitCodes.OK);
    assertThat(Path.of(out.run(Table.SUMMARY, "flip"))).exists();
    Path victim = dataFile(Table.PATHS, "flip", 1);
    flipBytes(victim);

    StringWriter err = new StringWriter();
    int code = aggregate("flip", err);

    assertThat(code).as("stderr: %s", err).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("run 'flip' is damaged").contains(relative(victim))
        .contains("SHA-256");
    assertThat(err.toString().lines().count()).isEqualTo(1);
    // Case 5: the summary of the data as it was must not survive as the summary of this data.
    assertThat(Path.of(out.run(Table.SUMMARY, "flip"))).doesNotExist();
    assertThat(Path.of(out.run(Table.HISTOGRAMS, "flip"))).doesNotExist();
  }

  @Test
  void aggregate_missingMarkerMissingEventsFileAndDuplicatedSamples_eachExit2() throws IOException {
    simulate("holes", new Recorder(), new ByteArrayOutputStream());

    Path samples = dataFile(Table.SAMPLES, "holes", 0);
    Path copy = samples.resolveSibling("part-99999-copy.zstd.parquet");
    Files.copy(samples, copy);
    StringWriter err = new StringWriter();
    assertThat(aggregate("holes", err)).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains(relative(copy)).contains("not listed");
    Files.delete(copy);

    Path events = dataFile(Table.EVENTS, "holes", 2);
    Path aside = tmp.resolve("aside.parquet");
    Files.move(events, aside);
    err = new StringWriter();
    assertThat(aggregate("holes", err)).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains(relative(events)).contains("missing");
    Files.move(aside, events);

    Path marker = Path.of(out.chunkMarker("holes", 1));
    Files.move(marker, aside, StandardCopyOption.REPLACE_EXISTING);
    err = new StringWriter();
    assertThat(aggregate("holes", err)).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("chunk 1 has no commit marker");
    Files.move(aside, marker);

    assertThat(aggregate("holes", new StringWriter())).as("restored").isEqualTo(ExitCodes.OK);
  }

  @Test
  void resume_flippedTruncatedAndEditedMarker_recomputesExactlyThoseChunks() throws IOException {
    simulate("mend", new Recorder(), new ByteArrayOutputStream());
    // Chunk 0: bytes flipped, no sidecar (case 3). Chunk 1: a file cut short with its sidecar
    // left, so Hadoop's checksum fails on read (case 8). Chunk 2: its marker edited (case 8).
    Path flipped = dataFile(Table.PATHS, "mend", 0);
    flipBytes(flipped);
    Path truncated = dataFile(Table.EVENTS, "mend", 1);
    try (RandomAccessFile f = new RandomAccessFile(truncated.toFile(), "rw")) {
      f.setLength(f.length() / 2);
    }
    Path marker = Path.of(out.chunkMarker("mend", 2));
    Files.writeString(marker, Files.readString(marker).replace("\"sample_rows\":", "\"sample_rows\":1"));
    // What a killed driver leaves in a table root: Spark's staging directory.
    Path staging = Files.createDirectories(Path.of(out.table(Table.RUNS), ".spark-staging-killed"));
    Files.setLastModifiedTime(staging, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    setStatus("mend", RunStatus.RUNNING);

    Recorder resumed = new Recorder();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    simulate("mend", resumed, console);

    String text = console.toString(StandardCharsets.UTF_8);
    assertThat(resumed.computed).as(text).containsExactly(0, 1, 2);
    assertThat(text).contains("chunk 0 is recomputed: " + relative(flipped))
        .contains("chunk 1 is recomputed: " + relative(truncated));
    assertThat(staging).doesNotExist();
    assertEqualsReference("mend");
    assertThat(aggregate("mend", new StringWriter())).isEqualTo(ExitCodes.OK);
  }

  @Test
  void resume_oneChunkDamaged_keepsTheOthersAndAdoptsTheirMarkers() throws IOException {
    simulate("adopt", new Recorder(), new ByteArrayOutputStream());
    String before = Tables.readRunRecord(SPARK, out, "adopt").orElseThrow().attemptId();
    flipBytes(dataFile(Table.SAMPLES, "adopt", 1));
    setStatus("adopt", RunStatus.FAILED);

    Recorder resumed = new Recorder();
    simulate("adopt", resumed, new ByteArrayOutputStream());

    assertThat(resumed.computed).containsExactly(1);
    String after = Tables.readRunRecord(SPARK, out, "adopt").orElseThrow().attemptId();
    assertThat(after).isNotNull().isNotEqualTo(before);
    assertThat(ChunkMarkers.read(SPARK.sparkContext().hadoopConfiguration(), out, "adopt").values())
        .allSatisfy(m -> assertThat(m.attemptId()).isEqualTo(after));
    assertEqualsReference("adopt");
  }

  @Test
  void effectivePartitions_moreThanBlocks_isTheBlockCount() {
    // 3,000 paths: blocks of 10, so a chunk of 1,000 paths has 100 blocks.
    assertThat(SimulateJob.effectivePartitions(100_000, 2, blocks)).isEqualTo(100);
    assertThat(SimulateJob.effectivePartitions(3, 2, blocks)).isEqualTo(3);
    assertThat(SimulateJob.effectivePartitions(null, 2, blocks)).isEqualTo(4);
  }
}
