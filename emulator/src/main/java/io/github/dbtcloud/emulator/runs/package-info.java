/**
 * The run simulation: triggering, reruns and retries, the run lifecycle on the emulator's clock,
 * scripts that say how a job's runs play out, steps, logs and artifacts, and the Java-side {@link
 * io.github.dbtcloud.emulator.runs.RunControl}. May use {@code admin} (token checks, list paging),
 * {@code http} and {@code state}.
 */
package io.github.dbtcloud.emulator.runs;
