package io.github.dbtcloud.core.resource;

/**
 * An object in scope that carries no marker of this file's namespace: reported, never touched.
 *
 * @param kind its kind
 * @param project the project's local key, or null for an account-level object
 * @param id its id
 * @param name its name in dbt Cloud
 */
public record Unmanaged(ResourceKind<?> kind, String project, long id, String name) {}
