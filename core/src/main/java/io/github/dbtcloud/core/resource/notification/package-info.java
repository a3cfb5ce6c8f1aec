/**
 * The job notification kind (Admin API v2 {@code notifications}): who hears about which jobs' runs,
 * by recipient (an account user, an outside email address, a Slack channel), managing only the ids
 * of the jobs the file manages within each recipient's notification (docs/alerts.md).
 */
package io.github.dbtcloud.core.resource.notification;
