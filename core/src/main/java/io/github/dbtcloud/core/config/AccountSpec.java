package io.github.dbtcloud.core.config;

/**
 * The account the file manages.
 *
 * @param id the numeric account id
 * @param host the admin host, e.g. {@code ab123.us1.dbt.com}; null when the build supplies {@code
 *     baseUrl}
 * @param position where the account block starts
 */
public record AccountSpec(long id, String host, SourcePosition position) {}
