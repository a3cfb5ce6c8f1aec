package io.github.dbtcloud.core.resource;

import io.github.dbtcloud.core.api.Fingerprint;

/**
 * A managed object that already matches the file (plan.json's {@code no-op}).
 *
 * @param address the object
 * @param id its id in dbt Cloud, or null for a project variable
 * @param fingerprint what it looked like when planned
 */
public record Unchanged(ResourceAddress address, Long id, Fingerprint fingerprint) {}
