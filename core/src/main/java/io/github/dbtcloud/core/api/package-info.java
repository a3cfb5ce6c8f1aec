/**
 * HTTP to dbt Cloud (docs/wire-format.md): the Admin API client ({@code AdminClient}, behind the
 * {@code WireApi} port the kinds use), the runs and Semantic Layer clients, and what they share:
 * retries, the client-side rate limit, a redacted debug log, the envelope, and wire helpers.
 *
 * <p>May use: {@code core}.
 */
package io.github.dbtcloud.core.api;
