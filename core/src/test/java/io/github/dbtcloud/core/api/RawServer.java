package io.github.dbtcloud.core.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A misbehaving HTTP server on loopback, written on a bare socket so that it can do what no
 * well-behaved server library does: drip bytes, never answer, cut a body short, lie.
 */
final class RawServer implements AutoCloseable {

  /** What the server does with one connection, after the request head was read. */
  @FunctionalInterface
  interface Behaviour {
    void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
  }

  private final ServerSocket socket;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;

  RawServer(Behaviour behaviour) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              while (!socket.isClosed()) {
                try {
                  Socket s = socket.accept();
                  open.add(s);
                  Thread t =
                      new Thread(
                          () -> {
                            try (s) {
                              String head = head(s.getInputStream());
                              requests.add(head);
                              behaviour.answer(head, s.getOutputStream());
                              s.getOutputStream().flush();
                            } catch (IOException | InterruptedException gone) {
                              // the client gave up: that is what these tests want to see
                            }
                          });
                  t.setDaemon(true);
                  t.start();
                } catch (IOException closed) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:port/}. */
  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/";
  }

  /** The heads of the requests received, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.UTF_8);
  }

  /** Writes a whole HTTP/1.1 answer. */
  static void send(OutputStream out, int status, String headers, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + " X\r\nContent-Length: "
                + bytes.length
                + "\r\n"
                + headers
                + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    out.write(bytes);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    synchronized (open) {
      for (Socket s : open) {
        s.close();
      }
    }
  }
}
