/**
 * The job kinds: dbt Cloud jobs (Admin API v2) in wire form, matched by marker, with their merge,
 * normal forms, schedules and job types; and job-level environment variable overrides (Admin API
 * v3), a kind of their own.
 *
 * <p>May use: {@code core.resource.environment}, {@code core.resource.variable}, {@code
 * core.resource}, {@code core.api}, {@code core.config}, {@code core.identity}, {@code core}.
 */
package io.github.dbtcloud.core.resource.job;
