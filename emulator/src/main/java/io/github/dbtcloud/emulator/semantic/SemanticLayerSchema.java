package io.github.dbtcloud.emulator.semantic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphqlErrorBuilder;
import graphql.TypeResolutionEnvironment;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.github.dbtcloud.emulator.state.EmulatorState;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Semantic Layer's GraphQL schema ({@code semantic-layer.graphqls}) wired to the state: every
 * root field, result polling included, first checks that the token may see {@code environmentId}
 * (its account owns the environment and, for a token limited to some projects, the environment's
 * project is one of them), then answers from that environment's metrics and saved queries.
 */
final class SemanticLayerSchema {

  /** Context key: the {@link Caller} of the request's token. */
  static final String CALLER = "caller";

  /**
   * Who a token is.
   *
   * @param accountId the token's account
   * @param projects the projects it is limited to, or null for every project of the account
   */
  record Caller(long accountId, Set<Long> projects) {}

  private final EmulatorState state;
  private final QueryRuns runs;

  SemanticLayerSchema(EmulatorState state, Clock clock) {
    this.state = state;
    this.runs = new QueryRuns(clock);
  }

  GraphQL build() {
    TypeDefinitionRegistry types;
    try (InputStream in = SemanticLayerSchema.class.getResourceAsStream("semantic-layer.graphqls");
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      types = new SchemaParser().parse(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Semantic Layer schema", e);
    }
    RuntimeWiring wiring =
        RuntimeWiring.newRuntimeWiring()
            .scalar(BIG_INT)
            .type(
                "Query",
                t ->
                    t.dataFetcher("metrics", env -> metrics(environment(env)))
                        .dataFetcher("metricsPaginated", this::metricsPaginated)
                        .dataFetcher(
                            "dimensions",
                            env -> dimensions(environment(env), names(env.getArgument("metrics"))))
                        .dataFetcher(
                            "dimensionsPaginated",
                            env ->
                                page(
                                    dimensions(environment(env), names(env.getArgument("metrics"))),
                                    env))
                        .dataFetcher(
                            "measures", env -> perMetric(environment(env), env, "measures"))
                        .dataFetcher(
                            "entities", env -> perMetric(environment(env), env, "entities"))
                        .dataFetcher(
                            "entitiesPaginated", env -> page(entities(environment(env), env), env))
                        .dataFetcher(
                            "groupBysPaginated", env -> page(groupBys(environment(env), env), env))
                        .dataFetcher("queryableGranularities", this::queryableGranularities)
                        .dataFetcher("metricsForDimensions", this::metricsForDimensions)
                        .dataFetcher("savedQueries", env -> savedQueries(environment(env)))
                        .dataFetcher("savedQuery", this::savedQuery)
                        .dataFetcher(
                            "savedQueriesPaginated",
                            env -> page(savedQueries(environment(env)), env))
                        .dataFetcher("environmentInfo", env -> environmentInfo(environment(env)))
                        .dataFetcher(
                            "query",
                            env -> {
                              environment(env);
                              return runs.poll(
                                  environmentId(env),
                                  env.getArgument("queryId"),
                                  env.getArgumentOrDefault("pageNum", 1));
                            })
                        .dataFetcher(
                            "queryRecords",
                            env -> {
                              environment(env);
                              return page(runs.records(environmentId(env)), env);
                            }))
            .type(
                "Mutation",
                t ->
                    t.dataFetcher(
                            "compileSql",
                            env ->
                                Map.of(
                                    "sql",
                                    new QueryCompiler(environment(env))
                                        .compile(QueryRequest.from(env.getArguments()))
                                        .sql()))
                        .dataFetcher(
                            "createQuery",
                            env -> {
                              ObjectNode environment = environment(env);
                              return Map.of(
                                  "queryId",
                                  runs.create(
                                      environmentId(env),
                                      environment.get("dialect").asText(),
                                      new QueryCompiler(environment),
                                      QueryRequest.from(env.getArguments())));
                            }))
            .type("QueryResult", t -> t.dataFetcher("jsonResult", jsonResult()))
            .type("EntityDimension", t -> t.typeResolver(SemanticLayerSchema::typeOf))
            .type("QueryDetails", t -> t.typeResolver(SemanticLayerSchema::typeOf))
            .build();
    return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(types, wiring))
        .defaultDataFetcherExceptionHandler(errors())
        .build();
  }

  /** The GraphQL type of a union member, from the map's {@link SemanticCatalog#TYPE} key. */
  private static GraphQLObjectType typeOf(TypeResolutionEnvironment env) {
    Map<?, ?> item = env.getObject();
    return env.getSchema().getObjectType(String.valueOf(item.get(SemanticCatalog.TYPE)));
  }

  /**
   * The environment's Semantic Layer, if the token may see the environment: "User is not
   * authorized" otherwise, the message the Python SDK turns into its {@code AuthError}.
   */
  private ObjectNode environment(DataFetchingEnvironment env) {
    Caller caller = env.getGraphQlContext().get(CALLER);
    long environmentId = environmentId(env);
    return state.read(
        s -> {
          ObjectNode environment =
              s.table(EmulatorState.ENVIRONMENTS)
                  .get(environmentId)
                  .filter(e -> e.path("state").asInt(1) == 1)
                  .filter(
                      e ->
                          caller != null
                              && e.path("account_id").asLong() == caller.accountId()
                              && (caller.projects() == null
                                  || caller.projects().contains(e.path("project_id").asLong())))
                  .orElseThrow(SemanticLayerError::notAuthorized);
          return s.table(EmulatorState.SEMANTIC_LAYER)
              .get(environmentId)
              .map(ObjectNode::deepCopy)
              .orElseThrow(
                  () ->
                      new SemanticLayerError(
                          "The Semantic Layer is not configured for environment "
                              + environment.get("id").asLong()
                              + "."));
        });
  }

  private static long environmentId(DataFetchingEnvironment env) {
    return env.<Long>getArgument("environmentId");
  }

  private static List<Map<String, Object>> metrics(ObjectNode environment) {
    return SemanticCatalog.metrics(environment).stream().map(SemanticCatalog::metricOut).toList();
  }

  /** The metrics, only those that can be grouped by every {@code groupBy} item when given. */
  private Map<String, Object> metricsPaginated(DataFetchingEnvironment env) {
    ObjectNode environment = environment(env);
    List<Map<String, Object>> groupBy = env.getArgument("groupBy");
    List<String> wanted = groupBy == null ? List.of() : names(groupBy);
    List<Map<String, Object>> matching =
        SemanticCatalog.metrics(environment).stream()
            .filter(m -> SemanticCatalog.groupByItems(m).keySet().containsAll(wanted))
            .map(SemanticCatalog::metricOut)
            .toList();
    return page(matching, env);
  }

  /** The entities of the given metrics (all metrics when none is given), each once. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entities(
      ObjectNode environment, DataFetchingEnvironment env) {
    List<Map<String, Object>> asked = env.getArgument("metrics");
    List<ObjectNode> metrics =
        asked == null ? SemanticCatalog.metrics(environment) : resolve(environment, names(asked));
    Map<String, Map<String, Object>> unique = new LinkedHashMap<>();
    for (ObjectNode m : metrics) {
      for (Map<String, Object> e :
          (List<Map<String, Object>>) SemanticCatalog.metricOut(m).get("entities")) {
        unique.putIfAbsent((String) e.get("name"), e);
      }
    }
    return new ArrayList<>(unique.values());
  }

  /**
   * What the given metrics (all metrics when none is given) can be grouped by: their common
   * dimensions, then their entities.
   */
  private static List<Map<String, Object>> groupBys(
      ObjectNode environment, DataFetchingEnvironment env) {
    List<Map<String, Object>> asked = env.getArgument("metrics");
    List<Map<String, Object>> out = new ArrayList<>();
    if (asked == null) {
      Map<String, Map<String, Object>> unique = new LinkedHashMap<>();
      for (ObjectNode m : SemanticCatalog.metrics(environment)) {
        SemanticCatalog.dimensionsOut(m)
            .forEach(d -> unique.putIfAbsent((String) d.get("qualifiedName"), d));
      }
      out.addAll(unique.values());
    } else {
      out.addAll(dimensions(environment, names(asked)));
    }
    out.addAll(entities(environment, env));
    return out;
  }

  private static List<Map<String, Object>> savedQueries(ObjectNode environment) {
    return SemanticCatalog.savedQueries(environment).stream()
        .map(SemanticCatalog::savedQueryOut)
        .toList();
  }

  private Map<String, Object> savedQuery(DataFetchingEnvironment env) {
    ObjectNode environment = environment(env);
    String name = env.getArgument("savedQueryName");
    return SemanticCatalog.savedQuery(environment, name)
        .map(SemanticCatalog::savedQueryOut)
        .orElseThrow(
            () ->
                new SemanticLayerError(
                    "Saved query `" + name + "` does not exist in this environment."));
  }

  /** Dimensions every listed metric has (what a query can group them all by). */
  private static List<Map<String, Object>> dimensions(
      ObjectNode environment, List<String> metricNames) {
    List<ObjectNode> metrics = resolve(environment, metricNames);
    Map<String, Map<String, Object>> common = new LinkedHashMap<>();
    SemanticCatalog.dimensionsOut(metrics.get(0))
        .forEach(d -> common.put((String) d.get("qualifiedName"), d));
    for (ObjectNode m : metrics.subList(1, metrics.size())) {
      Set<String> names = new LinkedHashSet<>();
      SemanticCatalog.dimensionsOut(m).forEach(d -> names.add((String) d.get("qualifiedName")));
      common.keySet().retainAll(names);
    }
    return new ArrayList<>(common.values());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> perMetric(
      ObjectNode environment, DataFetchingEnvironment env, String field) {
    Map<String, Object> unique = new LinkedHashMap<>();
    for (ObjectNode m : resolve(environment, names(env.getArgument("metrics")))) {
      for (Map<String, Object> item :
          (List<Map<String, Object>>) SemanticCatalog.metricOut(m).get(field)) {
        unique.putIfAbsent((String) item.get("name"), item);
      }
    }
    return new ArrayList<>(unique.values());
  }

  private List<String> queryableGranularities(DataFetchingEnvironment env) {
    List<ObjectNode> metrics = resolve(environment(env), names(env.getArgument("metrics")));
    List<String> common =
        new ArrayList<>(SemanticCatalog.strings(metrics.get(0).get("time_granularities")));
    metrics.forEach(m -> common.retainAll(SemanticCatalog.strings(m.get("time_granularities"))));
    return common;
  }

  private List<Map<String, Object>> metricsForDimensions(DataFetchingEnvironment env) {
    ObjectNode environment = environment(env);
    List<String> wanted = names(env.getArgument("dimensions"));
    return SemanticCatalog.metrics(environment).stream()
        .filter(m -> SemanticCatalog.groupByItems(m).keySet().containsAll(wanted))
        .map(SemanticCatalog::metricOut)
        .toList();
  }

  private static Map<String, Object> environmentInfo(ObjectNode environment) {
    String dialect = environment.get("dialect").asText();
    Set<String> engines =
        Set.of("BIGQUERY", "DUCKDB", "REDSHIFT", "POSTGRES", "SNOWFLAKE", "DATABRICKS", "TRINO");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sqlDialect", dialect);
    out.put("hasMetricsDefined", !SemanticCatalog.metrics(environment).isEmpty());
    out.put("dialect", engines.contains(dialect) ? dialect : "DATABRICKS");
    out.put("dialectSupportedBySlg", engines.contains(dialect));
    return out;
  }

  /** The paginated variants' envelope: {@code items, pageNum, pageSize, totalItems, totalPages}. */
  private static <T> Map<String, Object> page(List<T> all, DataFetchingEnvironment env) {
    String search = env.getArgument("search");
    List<T> matching =
        search == null
            ? all
            : all.stream()
                .filter(
                    item ->
                        String.valueOf(((Map<?, ?>) item).get("name"))
                            .toLowerCase(Locale.ROOT)
                            .contains(search.toLowerCase(Locale.ROOT)))
                .toList();
    int pageNum = env.getArgumentOrDefault("pageNum", 1);
    Integer requested = env.getArgument("pageSize");
    int pageSize = requested == null ? 100 : requested;
    if (pageNum < 1 || pageSize < 1) {
      throw new SemanticLayerError("pageNum and pageSize must be positive.");
    }
    int from = Math.min((pageNum - 1) * pageSize, matching.size());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", matching.subList(from, Math.min(from + pageSize, matching.size())));
    out.put("pageNum", pageNum);
    out.put("pageSize", pageSize);
    out.put("totalItems", matching.size());
    out.put("totalPages", (matching.size() + pageSize - 1) / pageSize);
    return out;
  }

  private static List<ObjectNode> resolve(ObjectNode environment, List<String> names) {
    if (names.isEmpty()) {
      throw new SemanticLayerError("At least one metric must be provided.");
    }
    List<ObjectNode> out = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : names) {
      SemanticCatalog.metric(environment, name).ifPresentOrElse(out::add, () -> unknown.add(name));
    }
    if (!unknown.isEmpty()) {
      throw new SemanticLayerError("Metrics not found in the semantic manifest: " + unknown + ".");
    }
    return out;
  }

  private static List<String> names(List<Map<String, Object>> inputs) {
    return inputs.stream().map(m -> (String) m.get("name")).toList();
  }

  @SuppressWarnings("unchecked")
  private static DataFetcher<String> jsonResult() {
    return env ->
        QueryRuns.json(
            (Map<String, Object>) env.getSource(),
            env.getArgumentOrDefault("orient", "TABLE"),
            env.getArgumentOrDefault("encoded", true));
  }

  /**
   * Our refusals become a plain GraphQL error with their own text; anything else is a server fault.
   */
  private static DataFetcherExceptionHandler errors() {
    return params -> {
      Throwable e = params.getException();
      String message = e instanceof SemanticLayerError ? e.getMessage() : "Internal server error";
      return CompletableFuture.completedFuture(
          DataFetcherExceptionHandlerResult.newResult(
                  GraphqlErrorBuilder.newError(params.getDataFetchingEnvironment())
                      .message(message)
                      .build())
              .build());
    };
  }

  /**
   * {@code BigInt}: a JSON number or a string of digits in, a number out (the SDK sends a number,
   * the docs' examples a string).
   */
  static final GraphQLScalarType BIG_INT =
      GraphQLScalarType.newScalar()
          .name("BigInt")
          .description("A 64-bit integer; accepted as a number or a string of digits.")
          .coercing(
              new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object value, GraphQLContext context, Locale locale) {
                  if (value instanceof Number n) {
                    return n.longValue();
                  }
                  throw new CoercingSerializeException("BigInt cannot serialize " + value);
                }

                @Override
                public Long parseValue(Object input, GraphQLContext context, Locale locale) {
                  Long value = toLong(input);
                  if (value == null) {
                    throw new CoercingParseValueException(
                        "Expected a BigInt (a whole number, or a string of digits) but got "
                            + (input instanceof String
                                ? "'" + input + "'"
                                : String.valueOf(input)));
                  }
                  return value;
                }

                @Override
                public Long parseLiteral(
                    Value<?> input,
                    CoercedVariables variables,
                    GraphQLContext context,
                    Locale locale) {
                  Long value = null;
                  if (input instanceof IntValue i) {
                    value = toLong(i.getValue());
                  } else if (input instanceof StringValue s) {
                    value = toLong(s.getValue());
                  }
                  if (value == null) {
                    throw new CoercingParseLiteralException(
                        "Expected a BigInt (a whole number, or a string of digits) but got "
                            + input);
                  }
                  return value;
                }

                @Override
                public Value<?> valueToLiteral(
                    Object input, GraphQLContext context, Locale locale) {
                  return new IntValue(BigInteger.valueOf(toLong(input)));
                }
              })
          .build();

  private static Long toLong(Object input) {
    try {
      if (input instanceof BigInteger b) {
        return b.longValueExact();
      }
      if (input instanceof Integer || input instanceof Long || input instanceof Short) {
        return ((Number) input).longValue();
      }
      if (input instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.longValue();
      }
      if (input instanceof String s && s.strip().matches("-?\\d{1,19}")) {
        return Long.parseLong(s.strip());
      }
    } catch (ArithmeticException | NumberFormatException tooBig) {
      return null;
    }
    return null;
  }
}
