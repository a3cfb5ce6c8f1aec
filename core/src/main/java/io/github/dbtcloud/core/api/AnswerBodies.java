package io.github.dbtcloud.core.api;

import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import retrofit2.Converter;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * Reads answer bodies within a bound and says what came back when it is not JSON: an HTML page (a
 * proxy or login page), a truncated or malformed body, a body too large to be an answer. Such a
 * body becomes an {@link Unusable} node that {@link AdminClient} turns into a {@link
 * MalformedAnswerException} naming the call, instead of a parser's exception text.
 */
final class AnswerBodies extends Converter.Factory {

  /** Largest successful answer read: a page of 100 objects or a run's artifact is far smaller. */
  static final long MAX_ANSWER_BYTES = 32L * 1024 * 1024;

  /** Largest error body read: dbt Cloud's error envelopes are a few hundred bytes. */
  static final int MAX_ERROR_BYTES = 64 * 1024;

  private static final int SHOWN = 120;
  private static final Pattern TITLE =
      Pattern.compile("<title[^>]*>([^<]{0,200})</title>", Pattern.CASE_INSENSITIVE);

  /** Request bodies are written by databind, built on the first write (a plan never writes). */
  private JacksonConverterFactory requests;

  private final CpuTurns turns;

  /** Bodies parsed in {@code turns}, read off the network before a turn is taken. */
  AnswerBodies(CpuTurns turns) {
    this.turns = turns;
  }

  /** A body that was read but is not a JSON answer; {@code what} says what it was instead. */
  static final class Unusable extends ObjectNode {
    private static final long serialVersionUID = 1L;

    /** What came back, for the message. */
    final String what;

    Unusable(String what) {
      super(JsonNodeFactory.instance);
      this.what = what;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unusable u && u.what.equals(what);
    }

    @Override
    public int hashCode() {
      return what.hashCode();
    }
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(
      Type type, Annotation[] annotations, Retrofit retrofit) {
    if (type != JsonNode.class) {
      return null;
    }
    return this::read;
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(
      Type type,
      Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations,
      Retrofit retrofit) {
    return requests().requestBodyConverter(type, parameterAnnotations, methodAnnotations, retrofit);
  }

  private synchronized JacksonConverterFactory requests() {
    if (requests == null) {
      requests = JacksonConverterFactory.create(Databind.MAPPER);
    }
    return requests;
  }

  private JsonNode read(ResponseBody body) throws IOException {
    try (body) {
      MediaType type = body.contentType();
      byte[] bytes = bounded(body, MAX_ANSWER_BYTES);
      if (bytes == null) {
        return new Unusable(
            "a body larger than "
                + MAX_ANSWER_BYTES / (1024 * 1024)
                + " MB (read no further; a dbt Cloud answer is far smaller)");
      }
      if (bytes.length == 0) {
        return null;
      }
      return turns.run(() -> parse(bytes, type));
    }
  }

  private JsonNode parse(byte[] bytes, MediaType type) {
    String start = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
    if (isHtml(type, start)) {
      return new Unusable(html(start));
    }
    try {
      return JsonTrees.read(bytes);
    } catch (JsonEOFException truncated) {
      return new Unusable(
          "a truncated JSON body ("
              + bytes.length
              + " bytes, ending mid-value: '..."
              + tail(bytes)
              + "'); the connection may have been cut");
    } catch (IOException malformed) {
      if (String.valueOf(malformed.getMessage()).contains("end-of-input")) {
        return new Unusable(
            "a truncated JSON body ("
                + bytes.length
                + " bytes, ending mid-value: '..."
                + tail(bytes)
                + "'); the connection may have been cut");
      }
      return new Unusable(
          "a body that is not JSON ("
              + (type == null ? "no content type" : type.toString())
              + ", "
              + bytes.length
              + " bytes, starting '"
              + shown(start)
              + "')");
    }
  }

  /** An HTML page, with its title when it has one. */
  static String html(String start) {
    Matcher title = TITLE.matcher(start);
    return "an HTML page"
        + (title.find() ? " titled '" + shown(title.group(1).strip()) + "'" : "")
        + " instead of JSON (a proxy or login page?)";
  }

  static boolean isHtml(MediaType type, String start) {
    if (type != null && type.subtype().toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    String s = start.stripLeading().toLowerCase(Locale.ROOT);
    return s.startsWith("<!doctype html") || s.startsWith("<html") || s.startsWith("<");
  }

  /**
   * At most {@code limit} bytes of the body, or null when it holds more (nothing beyond the limit
   * is read).
   */
  static byte[] bounded(ResponseBody body, long limit) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    while (buffer.size() <= limit) {
      long read = source.read(buffer, Math.min(64 * 1024, limit + 1 - buffer.size()));
      if (read == -1) {
        return buffer.readByteArray();
      }
      if (buffer.size() > limit) {
        return null;
      }
    }
    return null;
  }

  /**
   * An OkHttp interceptor that cuts an error answer's body to {@link #MAX_ERROR_BYTES} before
   * anything buffers it (Retrofit reads an error body whole: a 100 MB error page would be read on
   * every retry).
   */
  static okhttp3.Response boundErrorBody(okhttp3.Interceptor.Chain chain) throws IOException {
    okhttp3.Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (response.isSuccessful() || body == null) {
      return response;
    }
    MediaType type = body.contentType();
    String text;
    try (body) {
      text = errorText(body);
    }
    return response.newBuilder().body(ResponseBody.create(text, type)).build();
  }

  /**
   * An error body's text, at most {@link #MAX_ERROR_BYTES} of it (a 100 MB error page is not read
   * whole), with a note when it was cut.
   */
  static String errorText(ResponseBody body) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    boolean cut = false;
    while (true) {
      long read = source.read(buffer, Math.min(8192, MAX_ERROR_BYTES + 1L - buffer.size()));
      if (read == -1) {
        break;
      }
      if (buffer.size() > MAX_ERROR_BYTES) {
        cut = true;
        break;
      }
    }
    String text =
        buffer.readString(Math.min(buffer.size(), MAX_ERROR_BYTES), StandardCharsets.UTF_8);
    return cut ? text + "\n[cut at " + MAX_ERROR_BYTES / 1024 + " KB]" : text;
  }

  private static String tail(byte[] bytes) {
    int from = Math.max(0, bytes.length - 40);
    return shown(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
  }

  static String shown(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() > SHOWN ? oneLine.substring(0, SHOWN) + "..." : oneLine;
  }
}
