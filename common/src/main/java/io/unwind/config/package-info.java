/**
 * Scenario files: definition, validation and resolution.
 *
 * <p>A HOCON file is read into a {@link io.unwind.config.ScenarioDefinition} (what the file says,
 * type-checked), validated with every problem gathered into one
 * {@link io.unwind.config.InvalidScenarioException}, then resolved once into the flat
 * {@link io.unwind.config.ResolvedScenario} the path kernel wants. {@link
 * io.unwind.config.ScenarioLoader} is the entry point; defaults live in
 * {@code unwind-defaults.conf} on the classpath.
 */
package io.unwind.config;
