package io.github.dbtcloud.core.api;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An unmodifiable, insertion-ordered map of wire fields that shares its keys with every map of the
 * same key list: a listing of 50,000 jobs holds 50,000 objects of one shape, and a {@code
 * LinkedHashMap} per object spends about 50 bytes a field on its entries where this spends 4 (one
 * value slot). Values may be null, as in JSON. Built only by {@link WireMaps}, from frozen values.
 */
final class FrozenMap extends AbstractMap<String, Object> {

  /**
   * Shapes kept for sharing; past it (maps keyed by data, not by field names) each map has its own.
   */
  private static final int MAX_SHAPES = 4096;

  /** Above this many keys a shape has a hash index; below, a scan of the keys is faster. */
  private static final int INDEXED = 12;

  private static final Map<List<String>, Shape> SHAPES = new ConcurrentHashMap<>();

  private final Shape shape;
  private final Object[] values;

  /** {@link Fingerprint#contentHash} of this map once taken: the map never changes. */
  private volatile String contentHash;

  private FrozenMap(Shape shape, Object[] values) {
    this.shape = shape;
    this.values = values;
  }

  /** A map of these keys and values, in this order; the arrays are kept, not copied. */
  static FrozenMap of(String[] keys, Object[] values) {
    return new FrozenMap(shape(keys), values);
  }

  private static Shape shape(String[] keys) {
    List<String> list = List.of(keys);
    Shape shared = SHAPES.get(list);
    if (shared != null) {
      return shared;
    }
    Shape made = new Shape(keys);
    if (SHAPES.size() >= MAX_SHAPES) {
      return made;
    }
    Shape raced = SHAPES.putIfAbsent(list, made);
    return raced == null ? made : raced;
  }

  /**
   * This map with {@code value} (frozen) at {@code key}, in the same place and of the same shape;
   * or null when it has no such key.
   */
  FrozenMap replacing(String key, Object value) {
    int i = shape.indexOf(key);
    if (i < 0) {
      return null;
    }
    Object[] copy = values.clone();
    copy[i] = value;
    return new FrozenMap(shape, copy);
  }

  /**
   * {@code order}'s answer for this map's keys, worked out once for all maps of its shape: the
   * sorted keys a hash writes, for every object of a listing.
   */
  String[] keysIn(Function<String[], String[]> order) {
    return shape.keysIn(order);
  }

  /** This map's content hash: {@code hash}'s, taken the first time it is asked for. */
  String contentHash(Function<Map<String, Object>, String> hash) {
    String known = contentHash;
    if (known == null) {
      // two threads may both take it: the same value
      known = hash.apply(this);
      contentHash = known;
    }
    return known;
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean containsKey(Object key) {
    return shape.indexOf(key) >= 0;
  }

  @Override
  public Object get(Object key) {
    int i = shape.indexOf(key);
    return i < 0 ? null : values[i];
  }

  /** A new view each time: AbstractMap would keep one per map, 16 bytes times every object. */
  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return Arrays.asList(shape.keys).iterator();
      }

      @Override
      public int size() {
        return values.length;
      }

      @Override
      public boolean contains(Object key) {
        return containsKey(key);
      }
    };
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= values.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(shape.keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  /** The keys of every map of one key list, and their positions. */
  private static final class Shape {
    private final String[] keys;
    private final Map<String, Integer> index;

    /** {@link #keysIn}'s answers; made on the first. */
    private volatile Map<Function<String[], String[]>, String[]> ordered;

    Shape(String[] keys) {
      this.keys = Arrays.copyOf(keys, keys.length);
      if (keys.length > INDEXED) {
        Map<String, Integer> byKey = new HashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
          byKey.put(keys[i], i);
        }
        this.index = byKey;
      } else {
        this.index = null;
      }
    }

    String[] keysIn(Function<String[], String[]> order) {
      Map<Function<String[], String[]>, String[]> known = ordered;
      if (known == null) {
        // two threads may both make one: the loser's answers are worked out again
        known = new ConcurrentHashMap<>(4);
        ordered = known;
      }
      String[] answer = known.get(order);
      if (answer == null) {
        answer = order.apply(keys.clone());
        known.put(order, answer);
      }
      return answer;
    }

    int indexOf(Object key) {
      if (index != null) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < keys.length; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }
  }
}
