/**
 * Markers: the {@code [[namespace/key#fingerprint]]} text in a job's description or name that ties
 * a job in dbt Cloud to its entry in the desired-state file without a state file, and where markers
 * are written.
 *
 * <p>May use: {@code core}.
 */
package io.github.dbtcloud.core.identity;
