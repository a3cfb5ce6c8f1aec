package io.github.dbtcloud.core.resource;

/**
 * An object of the file found in dbt Cloud.
 *
 * @param id its id, or null for a kind without one (a project variable has one per scope)
 * @param name its name in dbt Cloud, for messages and for kinds that refer to it by name
 */
public record Identity(Long id, String name) {}
