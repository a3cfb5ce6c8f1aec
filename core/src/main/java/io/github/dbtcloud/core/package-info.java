/**
 * What all of core shares: the {@code Console} port core speaks to the user through, {@code
 * DbtCloudException} (the root of every exception written for the user), the one parser of
 * durations, and the JVM shutdown hook.
 *
 * <p>May use: nothing else of the project.
 */
package io.github.dbtcloud.core;
