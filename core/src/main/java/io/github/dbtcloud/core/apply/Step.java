package io.github.dbtcloud.core.apply;

import java.util.Set;

/**
 * One node of an apply: a piece of work and the steps that must be done before it.
 *
 * @param id unique id, e.g. {@code job "nightly"}
 * @param work what to do
 * @param after ids of the steps that must succeed first
 * @param <T> the kind of work
 */
public record Step<T>(String id, T work, Set<String> after) {

  public Step {
    after = Set.copyOf(after);
  }
}
