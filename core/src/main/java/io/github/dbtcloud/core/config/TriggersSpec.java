package io.github.dbtcloud.core.config;

/**
 * The non-schedule triggers of a job. Null means "not managed".
 *
 * @param gitProviderWebhook run on pull requests (makes the job a CI job)
 * @param onMerge run when a pull request merges
 * @param onDraftPr also run CI on draft pull requests ({@code triggers_on_draft_pr})
 * @param onJobCompletion run when another job (by key) finishes, or null
 */
public record TriggersSpec(
    Boolean gitProviderWebhook,
    Boolean onMerge,
    Boolean onDraftPr,
    JobCompletionTrigger onJobCompletion) {

  /** No trigger managed. */
  public static final TriggersSpec NONE = new TriggersSpec(null, null, null, null);
}
