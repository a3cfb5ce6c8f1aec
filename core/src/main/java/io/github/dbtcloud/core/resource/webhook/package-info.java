/**
 * The webhook subscription kind (Admin API v3 {@code webhooks/subscriptions}): account-level
 * subscriptions identified by the marker {@code [[key]]} in their description, as jobs are
 * (docs/alerts.md).
 */
package io.github.dbtcloud.core.resource.webhook;
