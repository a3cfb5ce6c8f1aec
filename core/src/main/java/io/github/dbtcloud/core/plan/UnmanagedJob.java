package io.github.dbtcloud.core.plan;

/**
 * A job in a project in scope that carries no marker of this file's namespace: reported, never
 * touched.
 *
 * @param project the project's local key
 * @param id the job id
 * @param name the job name
 */
public record UnmanagedJob(String project, long id, String name) {}
