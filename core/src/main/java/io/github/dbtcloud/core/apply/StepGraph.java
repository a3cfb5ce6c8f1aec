package io.github.dbtcloud.core.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps with their dependencies, checked once: ids are unique, every dependency exists, and there
 * is no cycle. Orders are stable: among steps that could go in any order, input order wins, so the
 * plan output and the apply agree line for line.
 *
 * @param <T> the kind of work
 */
public final class StepGraph<T> {

  private final Map<String, Step<T>> steps = new LinkedHashMap<>();
  private final Map<String, List<String>> dependents = new HashMap<>();
  private final List<Step<T>> order;

  private StepGraph(List<Step<T>> input) {
    for (Step<T> step : input) {
      if (steps.putIfAbsent(step.id(), step) != null) {
        throw new IllegalArgumentException("two steps share the id " + step.id());
      }
    }
    for (Step<T> step : input) {
      for (String dependency : step.after()) {
        if (!steps.containsKey(dependency)) {
          throw new IllegalArgumentException(
              step.id() + " waits for " + dependency + ", which is not planned");
        }
        dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(step.id());
      }
    }
    this.order = topologicalOrder();
  }

  /** Checks and wraps {@code steps}. */
  public static <T> StepGraph<T> of(List<Step<T>> steps) {
    return new StepGraph<>(steps);
  }

  /** Every step, dependencies first; ties keep input order. */
  public List<Step<T>> order() {
    return order;
  }

  /** The step with this id. */
  public Step<T> step(String id) {
    return steps.get(id);
  }

  /** Steps that wait directly for {@code id}. */
  public List<String> directDependents(String id) {
    return dependents.getOrDefault(id, List.of());
  }

  /** Every step that waits, directly or not, for {@code id}, in graph order. */
  public Set<String> allDependents(String id) {
    Set<String> found = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(directDependents(id));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (found.add(next)) {
        todo.addAll(directDependents(next));
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (Step<T> step : order) {
      if (found.contains(step.id())) {
        ordered.add(step.id());
      }
    }
    return ordered;
  }

  /** Number of steps. */
  public int size() {
    return steps.size();
  }

  private List<Step<T>> topologicalOrder() {
    Map<String, Integer> waiting = new HashMap<>();
    steps.values().forEach(s -> waiting.put(s.id(), s.after().size()));
    List<Step<T>> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    // Kahn's algorithm, always taking the earliest ready step in input order.
    while (out.size() < steps.size()) {
      Step<T> next = null;
      for (Step<T> s : steps.values()) {
        if (!placed.contains(s.id()) && waiting.get(s.id()) == 0) {
          next = s;
          break;
        }
      }
      if (next == null) {
        throw new IllegalArgumentException(
            "the steps wait for each other in a cycle: " + describeCycle(placed));
      }
      placed.add(next.id());
      out.add(next);
      for (String dependent : directDependents(next.id())) {
        waiting.merge(dependent, -1, Integer::sum);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private String describeCycle(Set<String> placed) {
    // Walk dependencies among the unplaced steps until one repeats.
    String start =
        steps.keySet().stream().filter(id -> !placed.contains(id)).findFirst().orElseThrow();
    List<String> path = new ArrayList<>();
    String current = start;
    while (!path.contains(current)) {
      path.add(current);
      current =
          steps.get(current).after().stream()
              .filter(id -> !placed.contains(id))
              .sorted()
              .findFirst()
              .orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    cycle.add(current);
    return String.join(" -> ", cycle);
  }
}
