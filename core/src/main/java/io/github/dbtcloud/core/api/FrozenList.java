package io.github.dbtcloud.core.api;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An unmodifiable list of frozen wire values over one array: lighter than an {@code ArrayList} in a
 * wrapper, and, unlike {@code List.of}, it holds nulls as JSON arrays may. Built only by {@link
 * WireMaps}.
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {

  static final FrozenList EMPTY = new FrozenList(new Object[0]);

  private final Object[] values;

  private FrozenList(Object[] values) {
    this.values = values;
  }

  /** A list over {@code values}, kept, not copied. */
  static FrozenList of(Object[] values) {
    return values.length == 0 ? EMPTY : new FrozenList(values);
  }

  @Override
  public Object get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }
}
