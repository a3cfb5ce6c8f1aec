/**
 * Thin mojos: each turns Maven's parameters and the token into core's {@code Build}, runs its core
 * goal, and maps core's exceptions to Maven's failures; plus the console on Maven's log and the
 * emulator behind {@code baseUrl=embedded}.
 *
 * <p>May use: {@code core.goal}, {@code core.config}, {@code core.resource}, {@code core.apply},
 * {@code core.lease}, {@code core.api}, {@code core.identity}, {@code core}, and the Maven APIs;
 * the emulator only through {@code EmbeddedDbtCloud}.
 */
package io.github.dbtcloud.maven;
