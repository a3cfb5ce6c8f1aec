/**
 * The emulated account's data: tables of JSON rows under one read/write lock, ids, tokens, and
 * persistence to a state file. May use {@code http} for its JSON mapper only; every other package
 * reads and writes through it.
 */
package io.github.dbtcloud.emulator.state;
