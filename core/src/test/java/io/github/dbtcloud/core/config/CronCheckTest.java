package io.github.dbtcloud.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The crons accepted without cron-utils are ones cron-utils accepts. */
class CronCheckTest {

  private static final CronParser CRON_UTILS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** Every star, one- to three-character number and step up to 999, with and without a zero. */
  private static List<String> candidates() {
    List<String> fields = new ArrayList<>(List.of("*", "**", "*/", "/5", "-1", "1-5", "MON"));
    for (int n = 0; n < 1000; n++) {
      fields.add(Integer.toString(n));
      fields.add("*/" + n);
    }
    for (int n = 0; n < 10; n++) {
      fields.add("0" + n);
      fields.add("*/0" + n);
    }
    return fields;
  }

  @Test
  void everyFieldTakenAsPlainIsOneCronUtilsAccepts() {
    int plain = 0;
    for (int i = 0; i < 5; i++) {
      for (String field : candidates()) {
        plain += plainOnesAccepted(i, field);
      }
    }
    // stars, the range of each field, the steps up to its top, and 1-5 in each
    assertThat(plain).isEqualTo(5 + (60 + 24 + 31 + 12 + 8) + (59 + 23 + 31 + 12 + 7) + 5);
  }

  @Test
  void plainFieldsTogetherAreCronsCronUtilsAccepts() {
    Random random = new Random(29);
    List<String> candidates = candidates();
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      String[] cron = new String[5];
      for (int i = 0; i < 5; i++) {
        do {
          cron[i] = candidates.get(random.nextInt(candidates.size()));
        } while (!CronCheck.plainField(i, cron[i], 0, cron[i].length()));
      }
      String text = String.join(" ", cron);
      plain++;
      assertThat(accepts(text)).as(text).isTrue();
    }
    for (String edge : List.of("0 0 31 2 *", "59 23 31 12 7", "*/59 */23 */31 */12 */7")) {
      assertThat(accepts(edge)).as(edge).isTrue();
    }
    assertThat(plain).isEqualTo(20_000);
  }

  @Test
  void everyRangeTakenAsPlainIsOneCronUtilsAccepts() {
    int plain = 0;
    for (int i = 0; i < 5; i++) {
      for (int low = -1; low <= 61; low++) {
        for (int high = -1; high <= 61; high++) {
          String field = low + "-" + high;
          plain += plainOnesAccepted(i, field);
        }
      }
    }
    // every rising pair within each field's range: n (n - 1) / 2 for 60, 24, 31, 12 and 8 values
    assertThat(plain).isEqualTo(1770 + 276 + 465 + 66 + 28);
  }

  @Test
  void listsOfNumbersAndRangesTakenAsPlainAreOnesCronUtilsAccepts() {
    Random random = new Random(31);
    List<String> elements = new ArrayList<>(List.of("", "*", "*/5", "MON", "1-5/2", "-1", "1-"));
    for (int n = 0; n < 62; n++) {
      elements.add(Integer.toString(n));
      elements.add(random.nextInt(62) + "-" + random.nextInt(62));
    }
    for (int n = 0; n < 10; n++) {
      elements.add("0" + n);
    }
    int plain = 0;
    for (int n = 0; n < 20_000; n++) {
      int i = random.nextInt(5);
      StringBuilder field = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        field.append(elements.get(random.nextInt(elements.size()))).append(k > 1 ? "," : "");
      }
      String text = onlyField(i, field.toString());
      if (CronCheck.plainField(i, text, 2 * i, 2 * i + field.length())) {
        plain++;
        assertThat(accepts(text)).as(text).isTrue();
      }
    }
    assertThat(plain).isGreaterThan(2_000);
    assertThat(CronCheck.plainField(4, "1-5,0", 0, 5)).isTrue();
    assertThat(CronCheck.plainField(0, "0,30", 0, 4)).isTrue();
    for (String notPlain : List.of("1,", ",1", "1,,2", "5-1", "3-3", "1-", "-1", "1-5/2", "*,1")) {
      assertThat(CronCheck.plainField(0, notPlain, 0, notPlain.length())).as(notPlain).isFalse();
    }
  }

  @Test
  void aFieldOutOfItsRangeIsLeftToCronUtilsAndReported() {
    assertThat(CronCheck.plainField(1, "24", 0, 2)).isFalse();
    assertThat(CronCheck.plainField(2, "0", 0, 1)).isFalse();
    assertThat(CronCheck.plainField(0, "*/0", 0, 3)).isFalse();
    assertThat(CronCheck.plainField(0, "05", 0, 2)).isFalse();
    assertThat(accepts("0 24 * * *")).isFalse();
  }

  /**
   * 1 when {@code field} is a plain field {@code i} (and then cron-utils must accept it), else 0.
   */
  private static int plainOnesAccepted(int i, String field) {
    if (!CronCheck.plainField(i, field, 0, field.length())) {
      return 0;
    }
    String text = onlyField(i, field);
    assertThat(accepts(text)).as(text).isTrue();
    return 1;
  }

  /** A cron of stars but for field {@code i}. */
  private static String onlyField(int i, String field) {
    String[] cron = {"*", "*", "*", "*", "*"};
    cron[i] = field;
    return String.join(" ", cron);
  }

  private static boolean accepts(String cron) {
    try {
      CRON_UTILS.parse(cron).validate();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
