/**
 * Results CI servers show as tests: the {@code TestReport} value and its JUnit XML writer.
 *
 * <p>May use: {@code core}.
 */
package io.github.dbtcloud.core.report;
