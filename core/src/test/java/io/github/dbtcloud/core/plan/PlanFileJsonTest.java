package io.github.dbtcloud.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan.json is written field by field with the streaming generator: the bytes must be the ones
 * Jackson's databind writes for the same {@link PlanFile}, so that a new record component the
 * writer does not know fails here.
 */
class PlanFileJsonTest {

  private static final ObjectMapper DATABIND =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Test
  void randomPlansFillingEveryFieldAreWrittenAsDatabindWritesThem() throws Exception {
    Random random = new Random(17);
    for (int i = 0; i < 300; i++) {
      PlanFile plan = randomPlan(random);

      assertThat(plan.text()).isEqualTo(DATABIND.writeValueAsString(plan) + "\n");
    }
  }

  @Test
  void aFieldsValueIsShownOnOneLineAsDatabindWritesIt() throws Exception {
    ObjectMapper compact = new ObjectMapper();
    Random random = new Random(23);
    for (int i = 0; i < 3_000; i++) {
      Object value = value(random, 0);

      assertThat(PlanFileJson.compact(value)).isEqualTo(compact.writeValueAsString(value));
    }
  }

  @Test
  void aPlanOfNothingIsWrittenAsDatabindWritesIt() throws Exception {
    PlanFile empty =
        new PlanFile(
            PlanFile.FORMAT_VERSION,
            "dbt-maven-plugin/1.2",
            "2026-11-25T10:00:00Z",
            1L,
            null,
            new PlanFile.DesiredFiles(List.of(), null),
            new PlanFile.ScopeEntry(
                List.of(), null, false, 0, new PlanFile.Selection(List.of(), List.of()), null),
            new PlanFile.Summary(0, 0, 0, 0, false),
            null,
            null,
            null);

    assertThat(empty.text()).isEqualTo(DATABIND.writeValueAsString(empty) + "\n");
  }

  @Test
  void aBodyValueTheStreamingWriterDoesNotWriteIsWrittenByDatabindIntoTheSameFile(@TempDir Path dir)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "nightly");
    body.put("day", DayOfWeek.MONDAY);
    PlanFile plan = withEntries(List.of(change("job.p.a", body, body)));
    Path file = dir.resolve("plan.json");
    // a longer plan there first: the databind text must replace it, not overwrite its start
    withEntries(List.of(change("job.p.a", Map.of("long", "x".repeat(5_000)), null))).write(file);

    plan.write(file);

    String databind = DATABIND.writeValueAsString(plan) + "\n";
    assertThat(databind).contains("\"day\" : \"MONDAY\"");
    assertThat(plan.text()).isEqualTo(databind);
    assertThat(Files.readString(file)).isEqualTo(databind);
  }

  private static PlanFile randomPlan(Random random) {
    List<PlanFile.Entry> entries = new ArrayList<>();
    for (int k = random.nextInt(4); k > 0; k--) {
      if (random.nextBoolean()) {
        entries.add(
            new PlanFile.Entry(
                "job.p.n" + k,
                "job",
                random.nextBoolean() ? "p" : null,
                "n" + k,
                random.nextBoolean() ? random.nextLong() : null,
                "no-op",
                random.nextBoolean() ? fingerprint(random) : null,
                null,
                null,
                null,
                null));
      } else {
        entries.add(
            change(
                "job.p.c" + k,
                random.nextBoolean() ? body(random) : null,
                random.nextBoolean() ? body(random) : null,
                random));
      }
    }
    List<PlanFile.UnmanagedEntry> unmanaged = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      unmanaged.add(
          new PlanFile.UnmanagedEntry("job", random.nextBoolean() ? "p" : null, k, text(random)));
    }
    return new PlanFile(
        PlanFile.FORMAT_VERSION,
        text(random),
        "2026-11-25T10:00:00Z",
        random.nextLong(),
        random.nextBoolean() ? "cloud.getdbt.com" : null,
        new PlanFile.DesiredFiles(List.of("dbt-cloud.yml", text(random)), text(random)),
        new PlanFile.ScopeEntry(
            List.of(new PlanFile.ProjectEntry("p", random.nextLong(), text(random))),
            random.nextBoolean() ? text(random) : null,
            random.nextBoolean(),
            random.nextInt(),
            new PlanFile.Selection(List.of(text(random)), List.of("nightly*", text(random))),
            random.nextBoolean() ? "description" : "name"),
        new PlanFile.Summary(
            random.nextInt(9), random.nextInt(9), random.nextInt(9), random.nextLong(), true),
        entries,
        unmanaged,
        List.of(text(random), text(random)));
  }

  private static PlanFile withEntries(List<PlanFile.Entry> entries) {
    return new PlanFile(
        PlanFile.FORMAT_VERSION,
        "t",
        "2026-11-25T10:00:00Z",
        1L,
        "h",
        new PlanFile.DesiredFiles(List.of("dbt-cloud.yml"), "0"),
        new PlanFile.ScopeEntry(
            List.of(), "ns", false, 0, new PlanFile.Selection(List.of(), List.of()), "name"),
        new PlanFile.Summary(0, 1, 0, 0, false),
        entries,
        List.of(),
        List.of());
  }

  private static PlanFile.Entry change(
      String address, Map<String, Object> before, Map<String, Object> after) {
    return change(address, before, after, new Random(1));
  }

  private static PlanFile.Entry change(
      String address, Map<String, Object> before, Map<String, Object> after, Random random) {
    List<PlanFile.FieldEntry> fields = new ArrayList<>();
    for (int k = random.nextInt(3); k > 0; k--) {
      fields.add(
          new PlanFile.FieldEntry(
              "settings.threads",
              value(random, 1),
              value(random, 1),
              random.nextBoolean() ? "environment.p.ci" : null,
              random.nextBoolean() ? "environment.p.prod" : null,
              random.nextBoolean(),
              random.nextBoolean() ? "file" : "outside",
              random.nextBoolean() ? text(random) : null));
    }
    return new PlanFile.Entry(
        address,
        "job",
        "p",
        address.substring(address.lastIndexOf('.') + 1),
        random.nextBoolean() ? 70403104191400L : null,
        random.nextBoolean() ? "update" : "create",
        random.nextBoolean() ? fingerprint(random) : null,
        fields,
        random.nextBoolean()
            ? List.of(new PlanFile.PendingEntry("environment_id", "environment.p.ci"))
            : List.of(),
        before,
        after);
  }

  private static PlanFile.FingerprintEntry fingerprint(Random random) {
    return new PlanFile.FingerprintEntry(
        random.nextBoolean() ? "2021-11-18T15:19:03.185687Z" : null, "sha256:" + text(random));
  }

  private static Map<String, Object> body(Random random) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int k = random.nextInt(6); k > 0; k--) {
      body.put(text(random), value(random, 1));
    }
    return body;
  }

  /** What bodies hold: every JDK number kind {@link PlanFile#normal} meets, nested. */
  private static Object value(Random random, int depth) {
    return switch (random.nextInt(depth > 3 ? 11 : 13)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> random.nextInt();
      case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 5 -> (float) random.nextDouble();
      case 6 -> BigInteger.valueOf(random.nextLong()).multiply(BigInteger.TEN.pow(5));
      case 7 ->
          random.nextBoolean()
              ? new java.math.BigDecimal("12.50")
              : new java.math.BigDecimal("1E+3");
      case 8, 9 -> text(random);
      case 10 -> (short) random.nextInt();
      case 11 -> {
        List<Object> list = new ArrayList<>();
        for (int k = random.nextInt(4); k > 0; k--) {
          list.add(value(random, depth + 1));
        }
        yield list;
      }
      default -> body(random);
    };
  }

  private static String text(Random random) {
    char[] chars = new char[random.nextInt(8)];
    char[] pool = "aZ9 _-\"\\/\u0001\n\té✓\u2028".toCharArray();
    for (int k = 0; k < chars.length; k++) {
      chars[k] = pool[random.nextInt(pool.length)];
    }
    return new String(chars) + Arrays.hashCode(chars) % 3;
  }
}
