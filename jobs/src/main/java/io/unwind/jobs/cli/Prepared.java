package io.unwind.jobs.cli;

import io.unwind.config.ResolvedScenario;
import io.unwind.jobs.io.OutputLayout;
import io.unwind.jobs.simulate.PathBlocks;
import io.unwind.sim.CrossEntropyPilot;

/**
 * Everything a Spark command needs, validated before any session exists.
 *
 * @param scenario the resolved scenario
 * @param runId the run id
 * @param out the output layout
 * @param partitions partitions per chunk, or null for the default
 * @param blocks the path split
 */
record Prepared(ResolvedScenario scenario, String runId, OutputLayout out, Integer partitions, PathBlocks blocks) {

  /** Validates the options in the order a user fixes them: config, run id, output, numbers. */
  static Prepared of(ScenarioOptions scenarioOptions, RunOptions runOptions) {
    ResolvedScenario scenario = scenarioOptions.load();
    String runId = runOptions.runId(scenario);
    OutputLayout out = runOptions.layout();
    Integer partitions = runOptions.partitions();
    PathBlocks blocks = runOptions.blocks(scenario.paths());
    // sampling.tilt = auto: the cross-entropy pilot runs on the driver, once every input is known
    // to be good (it takes seconds); the tilt it finds is the run's q (in the scenario, not yet
    // in the runs row).
    scenario = CrossEntropyPilot.tune(scenario);
    return new Prepared(scenario, runId, out, partitions, blocks);
  }
}
