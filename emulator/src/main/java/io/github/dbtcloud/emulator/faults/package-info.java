/**
 * Fault injection and the rate limiter: rules that decide, per request, whether an exchange is
 * delayed, refused, dropped or committed-then-failed. Depends on nothing else in the emulator (only
 * the JDK and Jackson), so that the HTTP front end can consult it before any route runs.
 */
package io.github.dbtcloud.emulator.faults;
