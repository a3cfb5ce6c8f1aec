/**
 * Seed files (YAML or JSON): the core sections go through the same {@code admin} code as API
 * creates, so a seeded object looks exactly like a created one; feature packages register their own
 * sections. May use {@code admin}, {@code http} and {@code state} (and SnakeYAML).
 */
package io.github.dbtcloud.emulator.seed;
