/**
 * The verification run: resolve the job and the settings, trigger the run with its cause, follow it
 * on a backing-off poll schedule (cancelling it on timeout or interrupt), explain a failure down to
 * the failed nodes, and write the JUnit report.
 *
 * <p>May use: {@code core.remote}, {@code core.resource.job}, {@code core.resource}, {@code
 * core.api}, {@code core.config}, {@code core.identity}, {@code core.report}, {@code core}.
 */
package io.github.dbtcloud.core.verify;
