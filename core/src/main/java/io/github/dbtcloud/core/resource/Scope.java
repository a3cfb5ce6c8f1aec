package io.github.dbtcloud.core.resource;

/** Where objects of a kind live in dbt Cloud. */
public enum Scope {
  /** In one project (environments, jobs, environment variables). */
  PROJECT,
  /** In the account, across projects (notifications, webhooks). */
  ACCOUNT
}
