/**
 * The environment kind: dbt Cloud environments (Admin API v3, project-scoped) in wire form, their
 * routes, how a spec is merged onto one, the normal forms they are compared in, and the kind that
 * reads, plans and writes them.
 *
 * <p>May use: {@code core.resource}, {@code core.api}, {@code core.config}, {@code core.identity},
 * {@code core}.
 */
package io.github.dbtcloud.core.resource.environment;
