package io.github.dbtcloud.core.resource;

/**
 * An object {@code dbt:import} will write, before it has a key: its id, its name in dbt Cloud, and
 * the key it already carries (a job's marker), from which the import derives a stable, unique key.
 *
 * @param id the dbt Cloud id
 * @param name the name in dbt Cloud (without a marker)
 * @param key the key the object already carries, or null to derive one from the name
 */
public record Named(long id, String name, String key) {}
