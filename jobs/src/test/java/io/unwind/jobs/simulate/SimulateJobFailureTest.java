package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.StrategyKind;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kernel that throws on an executor: the job fails and the run is marked failed, not complete. */
class SimulateJobFailureTest {
  @TempDir
  Path tmp;

  /** A scenario with no model in it: the kernel cannot run it, whatever the kernel is. */
  private static ResolvedScenario broken() {
    return new ResolvedScenario("broken", "no model", 10, 5, 1L, 0L, -1, new String[] {"a"}, null,
        null, null, new String[] {"calm"}, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, List.of(StrategyKind.LEVERED_ERC), "broken = true\n", "feed");
  }

  @Test
  void run_kernelThrows_rethrowsAndMarksTheRunFailed() {
    SparkSession spark = SharedSpark.session();
    OutputLayout out = OutputLayout.of(tmp.toString());
    assertThatThrownBy(() -> SimulateJob.run(spark, broken(), out, "boom", 2, new PathBlocks(10, 5, 10),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(Exception.class);
    RunRecord run = Tables.readRunRecord(spark, out, "boom").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.finished()).isNotNull();
    assertThat(run.configHash()).isEqualTo("feed");
  }
}
