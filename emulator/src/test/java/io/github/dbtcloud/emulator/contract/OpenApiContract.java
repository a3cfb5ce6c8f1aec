package io.github.dbtcloud.emulator.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dbtcloud.emulator.SharedFixtures;
import io.github.dbtcloud.emulator.http.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The emulator's answers checked against the official specs
 * (https://github.com/dbt-labs/dbt-cloud-openapi-spec, read from the reference directory {@link
 * SharedFixtures} locates) with swagger-request-validator. Strict on everything (types of non-null
 * values, enums, the envelope, status codes) except exactly the four ways recorded production
 * responses differ from the spec ({@code spec/SOURCE.md}):
 *
 * <ol>
 *   <li>extra properties, but only names the spec (as a property, or as an {@code include_related}
 *       object it documents) or a recorded response knows: a field nobody has ever seen fails;
 *   <li>missing "required" properties (production leaves out related objects and more);
 *   <li>{@code null} where the spec's type is not nullable;
 *   <li>space-separated timestamps ({@code 2021-12-07 10:32:24.326116+00:00}) failing {@code
 *       date-time}.
 * </ol>
 *
 * Where production is known to differ from the spec, the check validates the production form and
 * says so: 201 creates against the spec's 200, a DELETE's 200-with-object against the object's GET
 * schema (both recorded), the Terraform provider's object form of the env-var bulk create, the
 * account-scoped environment list (which production clients use) as the project-scoped one. Errors
 * (4xx/5xx) are checked against dbt Cloud's recorded error envelope unless the spec declares that
 * status; 405 against the recorded {@code {"detail": ...}}.
 */
public final class OpenApiContract {

  private static final Pattern SPACED =
      Pattern.compile("\"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)?[+-]\\d\\d:\\d\\d\"");
  private static final Pattern NAMES = Pattern.compile("\\[([^\\[\\]]*)]\\s*$");
  private static final Pattern ACCOUNT_ENVIRONMENTS =
      Pattern.compile("^/api/v3/accounts/(\\d+)/environments/$");
  private static final Pattern V3_ACCOUNT = Pattern.compile("^/api/v3/accounts/(\\d+)/$");
  private static final Pattern BULK =
      Pattern.compile("^/api/v3/accounts/\\d+/projects/\\d+/environment-variables/bulk/$");
  private static final Pattern ARTIFACT_DOWNLOAD =
      Pattern.compile("^/api/v2/accounts/\\d+/(runs|jobs)/\\d+/artifacts/.+");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Job fields live dbt Cloud answers carry that neither the spec nor a recording shows:
   * dbt-jobs-as-code's {@code JobMissingFields}, which a live test of that project checks against
   * production, lists them
   * (https://github.com/dbt-labs/dbt-jobs-as-code/blob/main/src/dbt_jobs_as_code/schemas/job.py).
   */
  private static final Set<String> SEEN_LIVE = Set.of("deactivated", "is_system");

  private static Optional<OpenApiContract> shared;

  private final OpenApiInteractionValidator v2;
  private final OpenApiInteractionValidator v3;
  private final Set<String> knownFields;

  private OpenApiContract(Path sharedDir) {
    JsonNode spec2 = yaml(sharedDir.resolve("spec/openapi-v2.yaml"));
    JsonNode spec3 = yaml(sharedDir.resolve("spec/openapi-v3.yaml"));
    strip(
        spec3,
        Set.of(
            "write_only",
            "const")); // OpenAPI 3.0.3 allows neither; the loader refuses them (SOURCE.md)
    this.v2 = validator(spec2);
    this.v3 = validator(spec3);
    this.knownFields = new HashSet<>(SEEN_LIVE);
    knownFields.addAll(WebhookAnswers.DOCUMENTED_FIELDS);
    collectPropertyNames(spec2, knownFields);
    collectPropertyNames(spec3, knownFields);
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(sharedDir.resolve("fixtures/recorded-responses"), "*.json")) {
      for (Path f : files) {
        collectKeys(JSON.readTree(f.toFile()), knownFields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The contract, loaded once per JVM; empty when the reference directory is absent (and required
   * nowhere; {@code -Ddbt.shared.required=true} makes that a failure).
   */
  public static synchronized Optional<OpenApiContract> shared() {
    if (shared == null) {
      shared = SharedFixtures.optionalDir().map(OpenApiContract::new);
    }
    return shared;
  }

  /** Every way this exchange breaks the contract; empty when it keeps it. */
  public List<String> check(JournalEntry e, String contentType) {
    List<String> problems = new ArrayList<>();
    if (e.status() == 0 || e.path().startsWith("/api/graphql")) {
      return problems; // a dropped connection has no answer; GraphQL is not an OpenAPI path
    }
    String path = e.path();
    JsonNode body = parse(e.responseBody(), contentType, problems);
    if (!problems.isEmpty()) {
      return problems;
    }
    int status = e.status();
    if (status == 301) {
      if (body != null) {
        problems.add("a trailing-slash redirect has no body");
      }
      return problems;
    }
    if (status == 405) {
      if (body == null || body.size() != 1 || !body.path("detail").isTextual()) {
        problems.add("405 must be {\"detail\": \"...\"} as recorded, not " + body);
      }
      return problems;
    }
    String slashed = path.endsWith("/") ? path : path + "/";
    Matcher accountEnvironments = ACCOUNT_ENVIRONMENTS.matcher(slashed);
    Matcher v3Account = V3_ACCOUNT.matcher(slashed);
    String method = e.method();
    OpenApiInteractionValidator validator;
    if (accountEnvironments.matches()) {
      // Not in the v3 spec; production answers what the project-scoped list answers.
      path = "/api/v3/accounts/" + accountEnvironments.group(1) + "/projects/1/environments/";
      validator = v3;
    } else if (v3Account.matches()) {
      // Not in the v3 spec; served like the v2 retrieve.
      path = "/api/v2/accounts/" + v3Account.group(1) + "/";
      validator = v2;
    } else if (path.startsWith("/api/v2/")) {
      validator = v2;
    } else if (path.startsWith("/api/v3/")) {
      validator = v3;
    } else {
      problems.add("is in neither OpenAPI spec");
      return problems;
    }
    path = specPath(validator, method, path);
    if (status == 200 && ARTIFACT_DOWNLOAD.matcher(e.path()).matches()) {
      // The spec declares the download without content; production serves the raw artifact file,
      // not
      // an envelope, so there is no schema to hold it to.
      return problems;
    }
    boolean bulkCreate = method.equals("POST") && BULK.matcher(path).matches();
    if (bulkCreate && body != null && body.path("data").isObject()) {
      return objectFormBulkCreate(status, body);
    }
    if (status >= 400 && !declares(validator, path, method, status)) {
      return errorEnvelope(status, body);
    }
    int specStatus = status;
    String specMethod = method;
    if (status == 201 && !declares(validator, path, method, 201)) {
      specStatus = 200; // production answers creates with 201 (recorded), the spec says 200
    } else if (method.equals("DELETE")
        && status == 200
        && !declares(validator, path, method, 200)) {
      specMethod =
          "GET"; // production answers a DELETE with the soft-deleted object; validate it as
      // that object
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(specStatus);
    if (e.responseBody() != null && !e.responseBody().isEmpty()) {
      response
          .withContentType(contentType.isEmpty() ? "application/json" : contentType)
          .withBody(WebhookAnswers.asSpecified(e.path(), e.responseBody(), problems));
    }
    ValidationReport report =
        validator.validateResponse(path, Request.Method.valueOf(specMethod), response.build());
    for (ValidationReport.Message m : report.getMessages()) {
      judge(m, problems);
    }
    if (body != null && body.has("status") && body.path("status").path("code").asInt() != status) {
      problems.add(
          "status.code "
              + body.path("status").path("code")
              + " differs from the HTTP status "
              + status);
    }
    return problems;
  }

  private void judge(ValidationReport.Message m, List<String> problems) {
    if (!m.getNestedMessages().isEmpty()) {
      for (ValidationReport.Message nested : m.getNestedMessages()) {
        judge(nested, problems);
      }
      return;
    }
    String key = m.getKey();
    String text = m.getMessage();
    if (key.endsWith(".additionalProperties")) { // class 1, for names someone has seen
      Matcher names = NAMES.matcher(text);
      if (names.find()) {
        for (String raw : names.group(1).split(",")) {
          String name = raw.trim().replace("\"", "");
          if (!name.isEmpty() && !knownFields.contains(name)) {
            problems.add(
                "field '"
                    + name
                    + "' is in neither the spec nor any recorded response ("
                    + pointer(m)
                    + ")");
          }
        }
        return;
      }
    }
    if (key.endsWith(".required")) {
      return; // class 2
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (key.endsWith(".type") && lower.contains("instance type (null)")
        || key.endsWith(".enum") && lower.contains("instance value (null)")) {
      return; // class 3
    }
    if (key.contains(".format") && SPACED.matcher(text).find()) {
      return; // class 4
    }
    problems.add(key + ": " + text + " (" + pointer(m) + ")");
  }

  private static String pointer(ValidationReport.Message m) {
    return m.getContext().flatMap(c -> c.getPointers()).map(p -> p.getInstance()).orElse("?");
  }

  /**
   * The spelling of {@code path} the spec has: as sent, or with the trailing slash a lenient
   * emulator accepted without (spec paths end in a slash, except downloads such as {@code
   * artifacts/{remainder}}).
   */
  private static String specPath(
      OpenApiInteractionValidator validator, String method, String path) {
    if (path.endsWith("/") || knows(validator, method, path)) {
      return path;
    }
    return path + "/";
  }

  private static boolean knows(OpenApiInteractionValidator validator, String method, String path) {
    return validator
        .validateResponse(
            path, Request.Method.valueOf(method), SimpleResponse.Builder.status(200).build())
        .getMessages()
        .stream()
        .noneMatch(m -> m.getKey().equals("validation.request.path.missing"));
  }

  private static boolean declares(
      OpenApiInteractionValidator validator, String path, String method, int status) {
    ValidationReport report =
        validator.validateResponse(
            path, Request.Method.valueOf(method), SimpleResponse.Builder.status(status).build());
    return report.getMessages().stream()
        .noneMatch(
            m ->
                m.getKey().equals("validation.response.status.unknown")
                    || m.getKey().equals("validation.request.path.missing")
                    || m.getKey().equals("validation.request.operation.notAllowed"));
  }

  /** dbt Cloud's recorded error envelope. */
  static List<String> errorEnvelope(int status, JsonNode body) {
    List<String> problems = new ArrayList<>();
    if (body == null || !body.isObject()) {
      problems.add("an error answer carries dbt Cloud's envelope, not " + body);
      return problems;
    }
    JsonNode s = body.path("status");
    if (s.path("code").asInt() != status) {
      problems.add("status.code " + s.path("code") + " differs from the HTTP status " + status);
    }
    if (!s.path("is_success").isBoolean() || s.path("is_success").asBoolean()) {
      problems.add("status.is_success must be false");
    }
    if (!s.path("user_message").isTextual() || s.path("user_message").asText().isBlank()) {
      problems.add("status.user_message must be a non-empty string");
    }
    if (!s.path("developer_message").isTextual() && !s.path("developer_message").isNull()) {
      problems.add("status.developer_message must be a string or null (null recorded on 401)");
    }
    if (!body.has("data")) {
      problems.add("an error envelope carries data (null, or the field->message map)");
    }
    return problems;
  }

  /**
   * The Terraform provider's object form of the bulk create answers an object {@code data {message,
   * new_var_ids}}.
   */
  private static List<String> objectFormBulkCreate(int status, JsonNode body) {
    if (status >= 400) {
      List<String> problems = errorEnvelope(status, body);
      if (!body.path("data").path("reason").isTextual()) {
        problems.add("a refused bulk create says why in data.reason");
      }
      return problems;
    }
    List<String> problems = new ArrayList<>();
    JsonNode data = body.path("data");
    if (!data.path("message").isTextual()) {
      problems.add("data.message must be a string (the Terraform provider reads it)");
    }
    if (!data.path("new_var_ids").isArray()) {
      problems.add("data.new_var_ids must be a list of ids (the Terraform provider reads them)");
    }
    data.path("new_var_ids")
        .forEach(
            id -> {
              if (!id.isIntegralNumber()) {
                problems.add("data.new_var_ids holds " + id + ", not an id");
              }
            });
    return problems;
  }

  private static JsonNode parse(String text, String contentType, List<String> problems) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (!contentType.toLowerCase(Locale.ROOT).contains("json")) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      problems.add("answered Content-Type " + contentType + " with a body that is not JSON");
      return null;
    }
  }

  private static OpenApiInteractionValidator validator(JsonNode spec) {
    try {
      return OpenApiInteractionValidator.createForInlineApiSpecification(
              JSON.writeValueAsString(spec))
          .withLevelResolver(
              LevelResolver.create().withDefaultLevel(ValidationReport.Level.ERROR).build())
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode yaml(Path file) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setCodePointLimit(16 * 1024 * 1024);
      Object tree =
          new Yaml(new SafeConstructor(options))
              .load(Files.readString(file, StandardCharsets.UTF_8));
      return JSON.valueToTree(tree);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void strip(JsonNode node, Set<String> keys) {
    if (node.isObject()) {
      ((ObjectNode) node).remove(keys);
      node.forEach(child -> strip(child, keys));
    } else if (node.isArray()) {
      node.forEach(child -> strip(child, keys));
    }
  }

  /**
   * Property names, plus the related objects an {@code include_related} description names (they
   * appear when asked for).
   */
  private static void collectPropertyNames(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      if (node.path("name").asText().equals("include_related")
          && node.path("description").isTextual()) {
        Matcher related = Pattern.compile("`([a-z_]+)`").matcher(node.get("description").asText());
        while (related.find()) {
          out.add(related.group(1));
        }
      }
      JsonNode props = node.get("properties");
      if (props != null && props.isObject()) {
        props.fieldNames().forEachRemaining(out::add);
      }
      node.forEach(child -> collectPropertyNames(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collectPropertyNames(child, out));
    }
  }

  private static void collectKeys(JsonNode node, Set<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.add(e.getKey());
        collectKeys(e.getValue(), out);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectKeys(child, out));
    }
  }
}
