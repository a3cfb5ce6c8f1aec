/**
 * The apply lease: one project environment variable per dbt Cloud project, created before an
 * apply's first write and deleted after its last, so that two applies of the same project never
 * write at the same time. dbt Cloud refuses a second variable of the same name in a project, which
 * makes taking the lease one atomic request on its side.
 *
 * <p>May use: {@code core.api}, {@code core}.
 */
package io.github.dbtcloud.core.lease;
