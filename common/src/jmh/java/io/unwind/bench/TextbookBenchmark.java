package io.unwind.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The textbook implementation of the levered-erc model ({@link TextbookModel}) on the baseline
 * scenario; compare with {@code KernelBenchmark.baseline} at {@code strategies=levered-erc}. The
 * score is path-days per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TextbookBenchmark {
  private TextbookModel model;
  private long pathId;

  @Setup
  public void setUp() {
    model = new TextbookModel(BenchScenarios.baseline("[levered-erc]"));
  }

  @Benchmark
  @OperationsPerInvocation(BenchScenarios.HORIZON)
  public double leveredErc() {
    return model.simulate(pathId++);
  }
}
