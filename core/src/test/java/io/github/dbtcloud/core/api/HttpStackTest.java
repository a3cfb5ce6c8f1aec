package io.github.dbtcloud.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbtcloud.core.Console;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpStackTest {

  private static OkHttpClient clientFor(String url) {
    ClientSettings settings =
        ClientSettings.of(url, new ApiToken("dbtc_stack_token_0123456789"), "test");
    return HttpStack.build(
        settings,
        Console.silent(),
        "Token",
        HttpStack.limiter(settings),
        new AtomicInteger(),
        URI.create(url));
  }

  @Test
  void aPlainHttpUrlGetsAClientWithoutTlsSetUp() {
    OkHttpClient client = clientFor("http://127.0.0.1:8080/");

    assertThat(client.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
  }

  @Test
  void anHttpsUrlGetsTheTlsConnectionSpecs() {
    OkHttpClient client = clientFor("https://ab123.us1.dbt.com/");

    assertThat(client.connectionSpecs()).anyMatch(ConnectionSpec::isTls);
    assertThat(client.connectionSpecs()).isEqualTo(new OkHttpClient().connectionSpecs());
  }
}
