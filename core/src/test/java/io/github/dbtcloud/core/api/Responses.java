package io.github.dbtcloud.core.api;

import okhttp3.mockwebserver.MockResponse;

/** dbt Cloud response bodies for MockWebServer tests. */
final class Responses {

  private Responses() {}

  static String page(int from, int count, long total) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < count; i++) {
      items
          .append(i == 0 ? "" : ",")
          .append("{\"id\":")
          .append(from + i)
          .append(",\"name\":\"job ")
          .append(from + i)
          .append("\",\"project_id\":7,\"environment_id\":70}");
    }
    return "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\",\"developer_message\":\"\"},"
        + "\"data\":["
        + items
        + "],\"extra\":{\"filters\":{\"limit\":100,\"offset\":"
        + from
        + "},"
        + "\"order_by\":\"id\",\"pagination\":{\"count\":"
        + count
        + ",\"total_count\":"
        + total
        + "}}}";
  }

  static MockResponse ok(String data) {
    return new MockResponse()
        .setResponseCode(200)
        .setBody(
            "{\"status\":{\"code\":200,\"is_success\":true,\"user_message\":\"Success!\",\"developer_message\":\"\"},"
                + "\"data\":"
                + data
                + "}");
  }

  static MockResponse error(int code, String userMessage) {
    return new MockResponse()
        .setResponseCode(code)
        .setBody(
            "{\"status\":{\"code\":"
                + code
                + ",\"is_success\":false,\"user_message\":\""
                + userMessage
                + "\",\"developer_message\":\"\"},\"data\":null}");
  }

  static final String JOB =
      "{\"id\":900,\"account_id\":1,\"project_id\":7,\"environment_id\":70,\"name\":\"n\","
          + "\"description\":\"[[n]]\",\"execute_steps\":[\"dbt build\"]}";
}
