package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Merges the documents of several files into one tree, so that a team can keep each project, or
 * each group of jobs, in its own file. Only the containers merge (the top level, {@code projects},
 * a project, and its {@code environments}, {@code env_vars} and {@code jobs}); anything else
 * defined in two files is an error that names both places. {@code version} may repeat when equal.
 */
final class DocumentMerger {

  /** A file's root, in the order the files were given. */
  record Document(Path file, Node root) {}

  private enum Level {
    ROOT,
    PROJECTS,
    PROJECT,
    ENTITIES,
    JOBS_AS_CODE_ROOT
  }

  private static final Set<String> PROJECT_CONTAINERS = Set.of("environments", "env_vars", "jobs");

  private final ReadContext context;

  DocumentMerger(ReadContext context) {
    this.context = context;
  }

  /** The first document's root with every other document grafted in; conflicts are reported. */
  Node merge(List<Document> documents, boolean jobsAsCode) {
    Document first = documents.get(0);
    for (Document d : documents.subList(1, documents.size())) {
      if (first.root() instanceof MappingNode target && d.root() instanceof MappingNode source) {
        merge(
            target,
            first.file(),
            source,
            d.file(),
            jobsAsCode ? Level.JOBS_AS_CODE_ROOT : Level.ROOT,
            "");
      } else {
        Node bad = first.root() instanceof MappingNode ? d.root() : first.root();
        Path file = bad == d.root() ? d.file() : first.file();
        context
            .problems()
            .add(
                position(bad, file),
                "",
                "expected a mapping (key: value lines) at the top of the file");
      }
    }
    return first.root();
  }

  private void merge(
      MappingNode target,
      Path targetFile,
      MappingNode source,
      Path sourceFile,
      Level level,
      String path) {
    for (NodeTuple tuple : source.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        graft(target, tuple, sourceFile);
        continue;
      }
      String name = key.getValue();
      String childPath = path.isEmpty() ? name : path + "." + name;
      NodeTuple existing = find(target, name);
      if (existing == null) {
        graft(target, tuple, sourceFile);
        continue;
      }
      Level child = childLevel(level, name);
      Path existingFile = context.originOf(existing.getKeyNode(), targetFile);
      if (child != null
          && existing.getValueNode() instanceof MappingNode into
          && tuple.getValueNode() instanceof MappingNode from) {
        merge(
            into,
            context.originOf(existing.getValueNode(), targetFile),
            from,
            sourceFile,
            child,
            childPath);
      } else if (sameVersion(level, name, existing, tuple)
          || level == Level.JOBS_AS_CODE_ROOT && child == null) {
        continue; // version: 1 in every file is fine; dbt-jobs-as-code keeps the first non-job key
      } else {
        context
            .problems()
            .add(
                position(key, sourceFile),
                childPath,
                "'"
                    + childPath
                    + "' is already defined in "
                    + position(existing.getKeyNode(), existingFile)
                    + "; define it in one file only");
      }
    }
  }

  private static Level childLevel(Level level, String key) {
    return switch (level) {
      case ROOT -> key.equals("projects") ? Level.PROJECTS : null;
      case PROJECTS -> Level.PROJECT;
      case PROJECT -> PROJECT_CONTAINERS.contains(key) ? Level.ENTITIES : null;
      case JOBS_AS_CODE_ROOT -> key.equals("jobs") ? Level.ENTITIES : null;
      case ENTITIES -> null;
    };
  }

  private static boolean sameVersion(Level level, String key, NodeTuple a, NodeTuple b) {
    return level == Level.ROOT
        && key.equals("version")
        && a.getValueNode() instanceof ScalarNode x
        && b.getValueNode() instanceof ScalarNode y
        && x.getValue().equals(y.getValue());
  }

  private static NodeTuple find(MappingNode mapping, String key) {
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode s
          && s.getValue().equals(key)
          && !s.getTag().equals(Tag.MERGE)) {
        return t;
      }
    }
    return null;
  }

  private void graft(MappingNode target, NodeTuple tuple, Path file) {
    context.recordOrigin(tuple.getKeyNode(), file);
    context.recordOrigin(tuple.getValueNode(), file);
    target.getValue().add(tuple);
  }

  private static SourcePosition position(Node node, Path file) {
    return new SourcePosition(
        file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
  }
}
