package io.github.dbtcloud.core.config;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What every cursor of one load shares: the problems found so far, the interpolator, and which file
 * each node came from (several files are merged into one tree, so a node's file is recorded where
 * the merge grafted it).
 */
final class ReadContext {

  private final Problems problems;
  private final Interpolator interpolator;
  private final Map<Node, Path> origins = new IdentityHashMap<>();

  ReadContext(Problems problems, Interpolator interpolator) {
    this.problems = problems;
    this.interpolator = interpolator;
  }

  Problems problems() {
    return problems;
  }

  Interpolator interpolator() {
    return interpolator;
  }

  void recordOrigin(Node node, Path file) {
    origins.put(node, file);
  }

  Path originOf(Node node, Path inherited) {
    return origins.getOrDefault(node, inherited);
  }
}
