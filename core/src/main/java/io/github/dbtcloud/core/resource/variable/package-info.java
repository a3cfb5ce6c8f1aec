/**
 * The project environment variable kind (Admin API v3): a variable's project default and its value
 * per environment, the environment view they are read from, the bulk routes they are written with,
 * and the kind that plans them.
 *
 * <p>May use: {@code core.resource.environment}, {@code core.resource}, {@code core.lease} (to
 * leave the apply lease's variable out), {@code core.api}, {@code core.config}, {@code
 * core.identity}, {@code core}.
 */
package io.github.dbtcloud.core.resource.variable;
