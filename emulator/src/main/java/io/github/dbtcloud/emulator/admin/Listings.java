package io.github.dbtcloud.emulator.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.http.ApiRequest;
import io.github.dbtcloud.emulator.state.EmulatorState;
import io.github.dbtcloud.emulator.state.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The filtered rows of recent listing queries, so that the pages of one listing are cut from one
 * filtering of the table rather than each filtering all of it again: dbt Cloud answers a page from
 * an index, and 100 pages of a 10,000-job account each filtering 10,000 rows made the emulator, not
 * the client, the cost of reading a large account. An entry holds only while the state has seen no
 * write and the table no put since it was made, so every answer is what filtering anew would give.
 * Used under the state's lock.
 */
final class Listings {

  private static final int ENTRIES = 16;

  /** The rows a query selected, in id order, and the filters its answers echo. */
  record Selection(List<ObjectNode> rows, Map<String, Object> filters) {}

  private record Entry(long generation, long changes, Selection selection) {}

  private final Map<String, Entry> entries =
      new LinkedHashMap<>(ENTRIES, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
          return size() > ENTRIES;
        }
      };

  /**
   * The selection of this request's query (every parameter but {@code offset} and {@code limit},
   * and its token), computed by {@code select} when no valid entry holds it.
   */
  Selection of(ApiRequest request, EmulatorState state, Table table, Supplier<Selection> select) {
    String key = key(request);
    Entry entry = entries.get(key);
    if (entry != null
        && entry.generation() == state.generation()
        && entry.changes() == table.changes()) {
      return entry.selection();
    }
    Selection selection = select.get();
    Selection kept =
        new Selection(
            List.copyOf(selection.rows()),
            Collections.unmodifiableMap(new LinkedHashMap<>(selection.filters())));
    entries.put(key, new Entry(state.generation(), table.changes(), kept));
    return kept;
  }

  private static String key(ApiRequest request) {
    Map<String, List<String>> query = new TreeMap<>(request.query());
    query.remove("offset");
    query.remove("limit");
    return request.path() + '\n' + request.authorization() + '\n' + query;
  }
}
