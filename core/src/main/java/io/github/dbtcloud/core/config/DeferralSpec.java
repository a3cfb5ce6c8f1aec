package io.github.dbtcloud.core.config;

/**
 * What a job defers to: an environment (by key), or a job (by key; {@code self} for itself).
 *
 * @param environment environment key, or null
 * @param job job key or {@code self}, or null
 * @param position where the deferral is declared
 */
public record DeferralSpec(String environment, String job, SourcePosition position) {}
