package io.github.dbtcloud.core.config;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a schedule cron the way dbt Cloud reads it: 5 UNIX fields (minute hour day-of-month month
 * day-of-week) with ranges, steps, lists and names. Parsing is cron-utils' UNIX definition; this
 * class only finds which field is wrong, so the message can point at it.
 */
final class CronCheck {

  /** Built on the first cron that is more than numbers, ranges, lists, stars and steps. */
  private static final class CronUtils {
    static final CronParser PARSER =
        new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  }

  private static final int[] LOWEST = {0, 0, 1, 1, 0};
  private static final int[] HIGHEST = {59, 23, 31, 12, 7};
  private static final Verdict VALID = new Verdict(null, List.of());
  private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
  private static final String[] RANGES = {
    "0-59", "0-23", "1-31", "1-12 or JAN-DEC", "0-6 or SUN-SAT (7 is also Sunday)"
  };
  private static final Pattern TOKEN = Pattern.compile("\\S+");
  private static final Pattern OUT_OF_RANGE = Pattern.compile("Value (\\S+) not in range.*");
  private static final Pattern BAD_RANGE = Pattern.compile("Invalid range! \\[(\\S+),(\\S+)]");

  private CronCheck() {}

  /**
   * What was found about each cron text already checked: a desired state often repeats one cron
   * across hundreds of jobs, and cron-utils is slow to parse (each check parses up to six times).
   * Bounded, so a file of many different crons cannot grow it without end.
   */
  private static final Map<String, Verdict> SEEN = new ConcurrentHashMap<>();

  private static final int MAX_REMEMBERED = 10_000;

  /**
   * What is wrong with one cron text: a problem of the whole, or of fields at their offsets.
   *
   * @param whole a message about the whole cron, or null
   * @param fields problems of single fields (offset in the text, message)
   */
  private record Verdict(String whole, List<FieldProblem> fields) {}

  /**
   * @param offset where the field starts in the cron text
   * @param message what is wrong with it
   */
  private record FieldProblem(int offset, String message) {}

  /** Reports every problem of {@code cron} (the interpolated value of {@code at}). */
  static void check(YamlCursor at, String cron) {
    Verdict verdict =
        SEEN.size() < MAX_REMEMBERED
            ? SEEN.computeIfAbsent(cron, CronCheck::analyse)
            : analyse(cron);
    if (verdict.whole() != null) {
      at.problem(verdict.whole());
    }
    boolean pinpointed = at.raw() != null && at.raw().equals(cron);
    for (FieldProblem f : verdict.fields()) {
      if (pinpointed) {
        at.problemAt(f.offset(), f.message());
      } else {
        at.problem(f.message());
      }
    }
  }

  private static Verdict analyse(String cron) {
    String stripped = cron.strip();
    if (stripped.isEmpty()) {
      return new Verdict(
          "the cron is empty; write 5 fields: minute hour day-of-month month day-of-week, e.g."
              + " \"0 5 * * *\"",
          List.of());
    }
    if (stripped.startsWith("@")) {
      return new Verdict(
          "'"
              + stripped
              + "' is a cron nickname, which dbt Cloud does not read; write the 5 fields,"
              + " e.g. \"0 0 * * *\" for @daily",
          List.of());
    }
    List<int[]> spans = new ArrayList<>();
    Matcher m = TOKEN.matcher(cron);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.size() != 5) {
      return new Verdict(
          "'"
              + stripped
              + "' has "
              + spans.size()
              + (spans.size() == 1 ? " field" : " fields")
              + "; a cron has 5: minute hour day-of-month month day-of-week, e.g. \"0 5 * * *\"",
          List.of());
    }
    if (plain(cron, spans)) {
      return VALID;
    }
    List<FieldProblem> fields = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String field = cron.substring(spans.get(i)[0], spans.get(i)[1]);
      String reason = fieldProblem(i, field);
      if (reason != null) {
        fields.add(
            new FieldProblem(
                spans.get(i)[0],
                "the "
                    + FIELDS[i]
                    + " field '"
                    + field
                    + "' of cron \""
                    + stripped
                    + "\" "
                    + reason));
      }
    }
    if (fields.isEmpty()) {
      try {
        CronUtils.PARSER.parse(stripped).validate();
      } catch (RuntimeException e) {
        return new Verdict(
            "'" + stripped + "' is not a valid cron: " + plain(e.getMessage()), List.of());
      }
    }
    return new Verdict(null, List.copyOf(fields));
  }

  /**
   * Whether every field is {@code *}, {@code *}{@code /n} with {@code n} from 1 to the range's top,
   * or a list of numbers in the field's range and ranges {@code a-b} of them with {@code a < b}:
   * what most schedules are ({@code 0 6 * * 1-5}, {@code 0,30 8-18 * * *}), valid in any
   * combination, and accepted without cron-utils, whose parser costs a fresh JVM some 40 classes
   * and its set-up (CronCheckTest holds every such field against cron-utils).
   */
  static boolean plain(String cron, List<int[]> spans) {
    for (int i = 0; i < 5; i++) {
      if (!plainField(i, cron, spans.get(i)[0], spans.get(i)[1])) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code cron[from, to)} is a plain field {@code i}: see {@link #plain}. */
  static boolean plainField(int i, String cron, int from, int to) {
    if (to - from == 1 && cron.charAt(from) == '*') {
      return true;
    }
    if (to - from > 2 && cron.charAt(from) == '*' && cron.charAt(from + 1) == '/') {
      int step = number(cron, from + 2, to);
      return step >= 1 && step <= HIGHEST[i];
    }
    int start = from;
    for (int k = from; k <= to; k++) {
      if (k == to || cron.charAt(k) == ',') {
        if (!plainElement(i, cron, start, k)) {
          return false;
        }
        start = k + 1;
      }
    }
    return true;
  }

  /** Whether {@code cron[from, to)} is a number of field {@code i} or a rising range of two. */
  private static boolean plainElement(int i, String cron, int from, int to) {
    int dash = cron.indexOf('-', from);
    if (dash < 0 || dash >= to) {
      return inRange(i, number(cron, from, to));
    }
    int low = number(cron, from, dash);
    int high = number(cron, dash + 1, to);
    return inRange(i, low) && inRange(i, high) && low < high;
  }

  private static boolean inRange(int i, int value) {
    return value >= LOWEST[i] && value <= HIGHEST[i];
  }

  /** The number {@code cron[from, to)} spells with one or two digits and no leading zero, or -1. */
  private static int number(String cron, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 2 || (length == 2 && cron.charAt(from) == '0')) {
      return -1;
    }
    int value = 0;
    for (int k = from; k < to; k++) {
      char c = cron.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Why field {@code i} is wrong, checked alone (every other field '*'), or null. */
  private static String fieldProblem(int i, String field) {
    String[] probe = {"*", "*", "*", "*", "*"};
    probe[i] = field;
    try {
      CronUtils.PARSER.parse(String.join(" ", probe)).validate();
      return null;
    } catch (RuntimeException e) {
      return explain(i, field, e.getMessage());
    }
  }

  private static String explain(int i, String field, String raw) {
    String message = plain(raw);
    Matcher outOfRange = OUT_OF_RANGE.matcher(message);
    if (outOfRange.matches()) {
      return "is out of range: " + outOfRange.group(1) + " is not in " + RANGES[i];
    }
    if (message.startsWith("Period ")) {
      return "has a step of 0; a step (/n) must be at least 1";
    }
    Matcher badRange = BAD_RANGE.matcher(message);
    if (badRange.matches()) {
      return "is a range that runs backwards ("
          + badRange.group(1)
          + " to "
          + badRange.group(2)
          + "); write the smaller value first";
    }
    return "is not valid: use numbers in "
        + RANGES[i]
        + ", '*', ranges (1-5), steps (*/15) or lists (1,15)"
        + (field.toUpperCase(Locale.ROOT).matches(".*[LW#?].*")
            ? "; L, W, # and ? are not UNIX cron"
            : "");
  }

  private static String plain(String message) {
    String m = message == null ? "" : message;
    return m.replace("Failed to parse cron expression. ", "").strip();
  }
}
