package io.github.dbtcloud.core.resource;

/**
 * A field whose value is the id of an object this same apply creates first. The target may be the
 * change's own object (a job deferring to itself): then the id is written by an update right after
 * the create.
 *
 * @param path the wire path that receives the id, e.g. {@code environment_id}
 * @param target the object whose id it is
 */
public record PendingReference(String path, ResourceAddress target) {}
