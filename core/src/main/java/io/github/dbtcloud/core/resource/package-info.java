/**
 * The {@code ResourceKind} interface and what all kinds share: addresses, changes, the snapshot,
 * the contexts a kind reads, plans and writes with, drift, and write helpers (the rebase of an
 * update onto the object as it is now).
 *
 * <p>May use: {@code core.api}, {@code core.config}, {@code core.identity}, {@code core}.
 */
package io.github.dbtcloud.core.resource;
