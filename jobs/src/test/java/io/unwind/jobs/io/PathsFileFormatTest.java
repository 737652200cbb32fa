package io.unwind.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.unwind.config.StrategyKind;
import io.unwind.jobs.spark.SharedSpark;
import io.unwind.sim.EventLog;
import io.unwind.sim.PathResult;
import io.unwind.sim.SampleLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet files of {@code paths} as the real writer ({@link Tables#write}) makes them, checked
 * in their footers: zstd, doubles in encodings Spark's vectorized reader decodes, the zstd level
 * that shrinks the sorted path ids, and values that read back bit for bit.
 */
class PathsFileFormatTest {
  private static final String[] REGIMES = {"calm", "stress", "crisis", "inflation-shock"};
  private static final int HORIZON = 2520;
  private static final int PATHS = 5000;
  private static final long SEED = 20261124L;

  /**
   * Encodings Spark 4.2's {@code VectorizedColumnReader} decodes for a DOUBLE column: PLAIN and
   * dictionary pages (plus the level encodings). BYTE_STREAM_SPLIT is not among them.
   */
  private static final Set<Encoding> VECTORIZED_DOUBLE_ENCODINGS = EnumSet.of(Encoding.PLAIN,
      Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);

  @TempDir
  Path tmp;

  private final SparkSession spark = SharedSpark.session();

  /**
   * Two strategies per path with full-entropy doubles (uniform draws, seeded) and regime days
   * summing to the horizon: the shape of a real chunk, sorted as the simulate job sorts it.
   */
  private Dataset<Row> pathRows() {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(SEED);
    RowMapper mapper = new RowMapper("r1", REGIMES);
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < PATHS; id++) {
      PathResult[] results = new PathResult[2];
      int[] days = regimeDays(rng);
      int k = 0;
      for (StrategyKind kind : List.of(StrategyKind.LEVERED_ERC, StrategyKind.SIXTY_FORTY)) {
        boolean defaulted = rng.nextInt(50) == 0;
        results[k++] = new PathResult(id, kind, defaulted ? -1.0 : rng.nextDouble(-0.9, 3.0),
            rng.nextDouble(), rng.nextDouble(0.05, 0.4), rng.nextDouble(1, 4), rng.nextDouble(1, 6),
            rng.nextInt(5), rng.nextInt(40), rng.nextInt(4), rng.nextDouble(0, 2),
            rng.nextDouble(0, 0.1), rng.nextDouble(-0.05, 0.3), rng.nextDouble(0, 0.02), defaulted,
            defaulted ? 1 + rng.nextInt(HORIZON) : -1, defaulted ? rng.nextDouble(0, 0.2) : 0.0, days,
            rng.nextDouble(-0.5, 1.0), rng.nextDouble(0, 5), rng.nextInt(4), rng.nextInt(2));
      }
      rows.addAll(mapper.paths(PathOutput.of(id, results, new EventLog(), new SampleLog()), 0));
    }
    return spark.createDataFrame(
            JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2), Schemas.PATHS)
        .sortWithinPartitions("run_id", "strategy", "chunk", "path_id");
  }

  private static int[] regimeDays(UniformRandomProvider rng) {
    int[] days = new int[REGIMES.length];
    int left = HORIZON;
    for (int r = 0; r < days.length - 1; r++) {
      days[r] = rng.nextInt(left + 1);
      left -= days[r];
    }
    days[days.length - 1] = left;
    return days;
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
  }

  private static List<ColumnChunkMetaData> columnChunks(Path root) throws IOException {
    List<ColumnChunkMetaData> chunks = new ArrayList<>();
    for (Path file : parquetFiles(root)) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          chunks.addAll(block.getColumns());
        }
      }
    }
    return chunks;
  }

  private static long compressedBytes(List<ColumnChunkMetaData> chunks, String column) {
    return chunks.stream().filter(c -> c.getPath().toDotString().equals(column))
        .mapToLong(ColumnChunkMetaData::getTotalSize).sum();
  }

  @Test
  void write_paths_zstdEverywhereAndDoublesInVectorizedReadableEncodings() throws IOException {
    OutputLayout out = OutputLayout.of(tmp.toString());
    Tables.write(pathRows(), out, Table.PATHS);

    List<ColumnChunkMetaData> chunks = columnChunks(tmp.resolve("paths"));
    assertThat(chunks).isNotEmpty().allSatisfy(c ->
        assertThat(c.getCodec()).as(c.getPath().toDotString()).isEqualTo(CompressionCodecName.ZSTD));
    List<ColumnChunkMetaData> doubles = chunks.stream()
        .filter(c -> c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE).toList();
    List<ColumnChunkMetaData> floats = chunks.stream()
        .filter(c -> c.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.FLOAT).toList();
    // Losses and money stay double; only the three descriptive measures are float32.
    assertThat(doubles.stream().map(c -> c.getPath().toDotString()).distinct()).containsExactlyInAnyOrder(
        "terminal_return", "max_drawdown", "forced_sales", "impact_cost", "financing_cost",
        "trading_cost", "shortfall", "drift_pnl", "voluntary_sales", "log_weight");
    assertThat(floats.stream().map(c -> c.getPath().toDotString()).distinct())
        .containsExactlyInAnyOrder("realized_vol", "avg_leverage", "max_leverage");
    assertThat(floats).allSatisfy(c -> assertThat(c.getEncodings())
        .as("%s: BYTE_STREAM_SPLIT and other encodings fail Spark 4.2's vectorized reader",
            c.getPath().toDotString())
        .isSubsetOf(VECTORIZED_DOUBLE_ENCODINGS));
    assertThat(doubles).allSatisfy(c -> assertThat(c.getEncodings())
        .as("%s: BYTE_STREAM_SPLIT and other encodings fail Spark 4.2's vectorized reader",
            c.getPath().toDotString())
        .isSubsetOf(VECTORIZED_DOUBLE_ENCODINGS));
    // Full-entropy doubles defeat the dictionary: the writer falls back to PLAIN.
    assertThat(doubles.stream().filter(c -> c.getPath().toDotString().equals("terminal_return")))
        .allSatisfy(c -> assertThat(c.getEncodings()).contains(Encoding.PLAIN));
  }

  @Test
  void write_paths_sortedPathIdsSmallerThanAtTheDefaultZstdLevel() throws IOException {
    Dataset<Row> rows = pathRows();
    OutputLayout out = OutputLayout.of(tmp.resolve("tables").toString());
    Tables.write(rows, out, Table.PATHS);
    // The same rows with the same options except parquet-hadoop's default zstd level, 3.
    Path defaultLevel = tmp.resolve("level3");
    rows.write()
        .options(Tables.writerOptions(Table.PATHS))
        .option(Tables.ZSTD_LEVEL_KEY, "3")
        .partitionBy(Table.PATHS.partitionColumnArray())
        .parquet(defaultLevel.toString());

    long tuned = compressedBytes(columnChunks(tmp.resolve("tables/paths")), "path_id");
    long atThree = compressedBytes(columnChunks(defaultLevel), "path_id");
    assertThat(Tables.PATHS_ZSTD_LEVEL).isNotEqualTo(3);
    assertThat(tuned).as("path_id bytes at level %d vs 3", Tables.PATHS_ZSTD_LEVEL).isLessThan(atThree);
  }

  @Test
  void write_paths_readBackThroughTheVectorizedReaderIsIdentical() {
    assertThat(spark.conf().get("spark.sql.parquet.enableVectorizedReader")).isEqualTo("true");
    Dataset<Row> rows = pathRows();
    OutputLayout out = OutputLayout.of(tmp.toString());
    Tables.write(rows, out, Table.PATHS);

    List<Row> expected = rows.orderBy("strategy", "path_id").collectAsList();
    List<Row> actual = Tables.readRun(spark, out, Table.PATHS, "r1").orderBy("strategy", "path_id")
        .collectAsList();
    assertThat(actual).hasSize(2 * PATHS).isEqualTo(expected);
  }
}
