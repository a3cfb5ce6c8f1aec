/**
 * The Semantic Layer check: resolve the environment, list its metrics, compile (and optionally
 * query) every expected one, write the JUnit report, and fail naming every metric that failed or is
 * missing.
 *
 * <p>May use: {@code core.remote}, {@code core.resource.environment}, {@code core.resource}, {@code
 * core.api}, {@code core.config}, {@code core.report}, {@code core}.
 */
package io.github.dbtcloud.core.semantic;
