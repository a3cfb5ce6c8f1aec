/**
 * The desired-state file: the records of what it declares, the loader (safe YAML, merged files,
 * interpolation, the version-1 and dbt-jobs-as-code formats), validation reporting every problem at
 * its place, and the verification and Semantic Layer settings.
 *
 * <p>May use: {@code core.identity}, {@code core}.
 */
package io.github.dbtcloud.core.config;
