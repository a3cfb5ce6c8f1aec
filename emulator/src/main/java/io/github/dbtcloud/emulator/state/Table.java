package io.github.dbtcloud.emulator.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One resource type's rows, kept as JSON objects in wire form so that every answer carries exactly
 * the fields a real response carries. Ordered by id, as dbt Cloud's default {@code order_by=id}.
 * Not thread-safe on its own: {@link EmulatorState} guards it.
 */
public final class Table {

  private final Map<Long, ObjectNode> rows = new TreeMap<>();
  private long changes;

  /** Inserts or replaces the row with the object's {@code id}. */
  public void put(ObjectNode row) {
    changes++;
    rows.put(row.get("id").asLong(), row);
  }

  /** How many rows were put so far, including those put outside the state's write work (seeds). */
  public long changes() {
    return changes;
  }

  /** The row with this id. */
  public Optional<ObjectNode> get(long id) {
    return Optional.ofNullable(rows.get(id));
  }

  /** Rows that pass the filter, in id order. */
  public List<ObjectNode> where(Predicate<ObjectNode> filter) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode row : rows.values()) {
      if (filter.test(row)) {
        out.add(row);
      }
    }
    return out;
  }

  /** All rows in id order. */
  public List<ObjectNode> all() {
    return List.copyOf(rows.values());
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }
}
