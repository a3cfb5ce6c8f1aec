package io.github.dbtcloud.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test files on the classpath that tests of several packages share. */
public final class TestResources {

  private TestResources() {}

  /** The text of the resource {@code /name}. */
  public static String text(String name) {
    try (InputStream in = TestResources.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
