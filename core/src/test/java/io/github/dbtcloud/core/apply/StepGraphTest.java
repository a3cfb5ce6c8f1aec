package io.github.dbtcloud.core.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  private static Step<String> step(String id, String... after) {
    return new Step<>(id, id, Set.of(after));
  }

  @Test
  void putsDependenciesFirstAndKeepsInputOrderOtherwise() {
    StepGraph<String> graph =
        StepGraph.of(List.of(step("c", "b"), step("x"), step("b", "a"), step("a")));

    assertThat(graph.order()).extracting(Step::id).containsExactly("x", "a", "b", "c");
  }

  @Test
  void findsEveryTransitiveDependent() {
    StepGraph<String> graph =
        StepGraph.of(List.of(step("a"), step("b", "a"), step("c", "b"), step("d")));

    assertThat(graph.allDependents("a")).containsExactly("b", "c");
    assertThat(graph.allDependents("d")).isEmpty();
  }

  @Test
  void refusesACycleAndShowsIt() {
    assertThatThrownBy(() -> StepGraph.of(List.of(step("a", "c"), step("b", "a"), step("c", "b"))))
        .hasMessageContaining("cycle")
        .hasMessageContaining("a -> c -> b -> a");
  }

  @Test
  void refusesADependencyThatIsNotPlanned() {
    assertThatThrownBy(() -> StepGraph.of(List.of(step("a", "ghost"))))
        .hasMessage("a waits for ghost, which is not planned");
  }

  @Test
  void refusesTwoStepsWithOneId() {
    assertThatThrownBy(() -> StepGraph.of(List.of(step("a"), step("a"))))
        .hasMessageContaining("share the id a");
  }
}
