package io.unwind.jobs.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.unwind.config.ResolvedScenario;
import io.unwind.config.ScenarioLoader;
import io.unwind.jobs.io.ChunkMarkers;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.io.RunRecord;
import io.unwind.jobs.io.RunStatus;
import io.unwind.jobs.io.Tables;
import io.unwind.jobs.spark.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20 case 2: a scenario whose kernel output is not finite (here a resolved scenario whose
 * daily drift was replaced by NaN after validation, standing in for any overflow the bounds
 * miss) fails before its first chunk commits, naming the path, strategy and column, and the run
 * is {@code failed}, never {@code complete}.
 */
class NonFiniteRunTest {
  @TempDir
  Path tmp;

  /** {@code s} with one record component replaced, whatever components the record has. */
  private static ResolvedScenario with(ResolvedScenario s, String component, Object value)
      throws ReflectiveOperationException {
    RecordComponent[] components = ResolvedScenario.class.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = components[i].getName().equals(component) ? value
          : components[i].getAccessor().invoke(s);
    }
    Constructor<ResolvedScenario> canonical = ResolvedScenario.class.getDeclaredConstructor(types);
    return canonical.newInstance(args);
  }

  @Test
  void run_nanInTheKernelsOutput_failsNamingPathStrategyAndColumnAndMarksFailed() throws Exception {
    SparkSession spark = SharedSpark.session();
    OutputLayout out = OutputLayout.of(tmp.toString());
    ResolvedScenario valid = ScenarioLoader.loadFile(
        Path.of(System.getProperty("unwind.home"), "conf/baseline.conf"),
        Map.of("paths", "200", "horizon-days", "21"));
    double[] nanDrift = new double[valid.dailyDrift().length];
    Arrays.fill(nanDrift, Double.NaN);
    ResolvedScenario poisoned = with(valid, "dailyDrift", nanDrift);

    Throwable thrown = catchThrowable(() -> SimulateJob.run(spark, poisoned, out, "nan", 2,
        PathBlocks.of(200, 1000), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));

    assertThat(thrown).isInstanceOf(NonFiniteOutputException.class)
        .hasMessageContaining("non-finite kernel output at path ")
        .hasMessageContaining(", strategy ")
        .hasMessageMatching("(?s).*: (paths|events|samples)\\.[a-z_]+ = (NaN|-?Infinity).*");
    RunRecord run = Tables.readRunRecord(spark, out, "nan").orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(ChunkMarkers.read(spark.sparkContext().hadoopConfiguration(), out, "nan")).isEmpty();
  }
}
