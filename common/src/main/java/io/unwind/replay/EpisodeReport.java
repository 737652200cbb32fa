package io.unwind.replay;

import io.unwind.config.StrategyKind;
import java.time.LocalDate;
import java.util.Map;

/**
 * One episode (or the whole history) of a replay, per strategy.
 *
 * @param episode the episode as asked
 * @param firstDay the first trading day inside it
 * @param lastDay the last trading day inside it
 * @param strategies the outcome per strategy, in the scenario's strategy order
 */
public record EpisodeReport(Episode episode, LocalDate firstDay, LocalDate lastDay,
    Map<StrategyKind, StrategyOutcome> strategies) {
}
