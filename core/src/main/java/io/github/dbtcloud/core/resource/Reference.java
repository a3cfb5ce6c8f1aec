package io.github.dbtcloud.core.resource;

/**
 * An id that one listed object points at: a job's environment, say.
 *
 * @param kind the kind name of the object pointed at ({@code environment})
 * @param id its id
 * @param fromKind the kind name of the pointing object ({@code job})
 * @param fromId the pointing object's id
 */
public record Reference(String kind, long id, String fromKind, long fromId) {}
