/**
 * The HTTP layer: the JDK server front end, routing, dbt Cloud's response envelope and error
 * answers, the request journal and exchange listeners. May use {@code faults} (which it applies)
 * and Jackson; knows nothing of the resources the routes serve.
 */
package io.github.dbtcloud.emulator.http;
