package io.github.dbtcloud.core.resource;

/**
 * What a kind exports its part of one project with ({@link ResourceKind#export}): the keys the
 * import gave every object (so that references are written by key), and the other kinds' parts.
 */
public interface ExportContext {

  /** The project's key in the file being written. */
  String projectKey();

  /** The project's id in dbt Cloud. */
  long projectId();

  /** The account id. */
  long accountId();

  /**
   * The key the import gave an object of a kind in this project, or null when the import does not
   * write it (an object of a project not imported, say).
   */
  String keyOf(ResourceKind<?> kind, Long id);

  /**
   * The key of an object of a kind in another imported project, with that project's key ({@code
   * project/key}), or null when no imported project has it.
   */
  String keyElsewhere(ResourceKind<?> kind, Long id);

  /** What another kind read for the export in this project, or null when it exports nothing. */
  <S> S part(ResourceKind<S> kind);
}
