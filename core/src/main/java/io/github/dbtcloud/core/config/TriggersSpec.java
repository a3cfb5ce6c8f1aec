package io.github.dbtcloud.core.config;

/**
 * The non-schedule triggers of a job. Null means "not managed".
 *
 * @param gitProviderWebhook run on pull requests (makes the job a CI job)
 * @param onMerge run when a pull request merges
 * @param onDraftPr also run CI on draft pull requests ({@code triggers_on_draft_pr})
 * @param onJobCompletion run when another job (by key) finishes, or null; {@link
 *     JobCompletionTrigger#isNone()} to remove the trigger
 * @param githubWebhook the legacy CI trigger {@code triggers.github_webhook}, which dbt Cloud keeps
 *     apart from {@code git_provider_webhook} (dbt-jobs-as-code files set both)
 */
public record TriggersSpec(
    Boolean gitProviderWebhook,
    Boolean onMerge,
    Boolean onDraftPr,
    JobCompletionTrigger onJobCompletion,
    Boolean githubWebhook) {

  /** No trigger managed. */
  public static final TriggersSpec NONE = new TriggersSpec(null, null, null, null, null);

  /** Triggers without the legacy {@code github_webhook}. */
  public TriggersSpec(
      Boolean gitProviderWebhook,
      Boolean onMerge,
      Boolean onDraftPr,
      JobCompletionTrigger onJobCompletion) {
    this(gitProviderWebhook, onMerge, onDraftPr, onJobCompletion, null);
  }
}
