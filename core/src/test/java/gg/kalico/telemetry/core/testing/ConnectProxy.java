package gg.kalico.telemetry.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP CONNECT proxy on loopback for tests: it records each tunnel's target and relays bytes
 * both ways without looking inside (so TLS runs end to end through it).
 */
public final class ConnectProxy implements AutoCloseable {
  private final ServerSocket socket;
  private final List<String> tunnels = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  private ConnectProxy(ServerSocket socket) {
    this.socket = socket;
    Thread accept = new Thread(this::acceptLoop, "test-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Starts a proxy on a free loopback port. */
  public static ConnectProxy start() throws IOException {
    return new ConnectProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
  }

  /** {@code http://127.0.0.1:PORT}, as https_proxy would give it. */
  public String url() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  /** The {@code host:port} of every CONNECT received, in order. */
  public List<String> tunnels() {
    return List.copyOf(tunnels);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) { // ends when the test closes the proxy
      try {
        Socket client = socket.accept();
        open.add(client);
        Thread t = new Thread(() -> tunnel(client), "test-proxy-tunnel");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void tunnel(Socket client) {
    try {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String[] first = head.split("\r\n", 2)[0].split(" ");
      if (first.length < 2 || !first[0].equals("CONNECT")) {
        client
            .getOutputStream()
            .write("HTTP/1.1 405 Only CONNECT\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        client.close();
        return;
      }
      tunnels.add(first[1]);
      int colon = first[1].lastIndexOf(':');
      Socket upstream =
          new Socket(first[1].substring(0, colon), Integer.parseInt(first[1].substring(colon + 1)));
      open.add(upstream);
      client
          .getOutputStream()
          .write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Thread back = new Thread(() -> pump(upstream, client), "test-proxy-back");
      back.setDaemon(true);
      back.start();
      pump(client, upstream);
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < 4 && head.size() < 16384) { // bounded: a head is small
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: the tunnel is over
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    open.forEach(ConnectProxy::closeQuietly);
  }
}
