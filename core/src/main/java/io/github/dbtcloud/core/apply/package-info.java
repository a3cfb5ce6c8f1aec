/**
 * Applying a plan: its changes as a graph of steps run in dependency order with bounded
 * parallelism, a failed change skipping what waits for it, the stop signal, and the result and
 * summary of what was done, failed and skipped.
 *
 * <p>May use: {@code core.plan}, {@code core.resource}, {@code core.api}, {@code core}.
 */
package io.github.dbtcloud.core.apply;
