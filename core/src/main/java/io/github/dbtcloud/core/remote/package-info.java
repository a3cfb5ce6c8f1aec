/**
 * Reading the snapshot: finding the file's projects in dbt Cloud, then reading every kind's part of
 * every project, in parallel pages, into one {@code Snapshot}.
 *
 * <p>May use: {@code core.resource}, {@code core.api}, {@code core.config}, {@code core}.
 */
package io.github.dbtcloud.core.remote;
