package io.github.dbtcloud.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A write dbt Cloud refuses, as the emulator's tests send it: what it is, where it goes, how its
 * body is built (from the emulator's current state when it is an update), and the answer expected.
 *
 * @param name what is wrong, for the test's display name
 * @param path the path it is POSTed or PUT to
 * @param put whether it is a PUT (bulk environment-variable updates), else a POST
 * @param body the body, built against the running emulator
 * @param status the expected status: 400, or 404 where dbt Cloud answers its permissions 404
 * @param field the key of {@code data} that names the problem (dotted path), or null for a 404
 */
public record BadWrite(
    String name,
    String path,
    boolean put,
    Function<EmulatorHttp, String> body,
    int status,
    String field) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A POST refused with a 400 naming {@code field}. */
  public static BadWrite post(String name, String path, String body, String field) {
    return new BadWrite(name, path, false, h -> body, 400, field);
  }

  /** A POST refused with a 400 naming {@code field}, its body built against the emulator. */
  public static BadWrite post(
      String name, String path, Function<EmulatorHttp, String> body, String field) {
    return new BadWrite(name, path, false, body, 400, field);
  }

  /** A PUT refused with a 400 naming {@code field}. */
  public static BadWrite put(String name, String path, String body, String field) {
    return new BadWrite(name, path, true, h -> body, 400, field);
  }

  /** A POST answered with dbt Cloud's permissions 404. */
  public static BadWrite notFound(String name, String path, Function<EmulatorHttp, String> body) {
    return new BadWrite(name, path, false, body, 404, null);
  }

  /** A new job in the demo project's Production environment, changed by {@code change}. */
  public static String job(Consumer<ObjectNode> change) {
    ObjectNode body = Bodies.job("Strict");
    change.accept(body);
    return body.toString();
  }

  /** The current state of an existing object (a GET's {@code data}), changed by {@code change}. */
  public static Function<EmulatorHttp, String> current(String path, Consumer<ObjectNode> change) {
    return h -> {
      ObjectNode body = (ObjectNode) h.get(path).data().deepCopy();
      change.accept(body);
      return body.toString();
    };
  }

  /** Parses JSON text, for values set in a body. */
  public static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends it. */
  public EmulatorHttp.Answer send(EmulatorHttp http) {
    String text = body.apply(http);
    return put ? http.put(path, text) : http.post(path, text);
  }

  @Override
  public String toString() {
    return name;
  }
}
