package gg.kalico.telemetry.core.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A real HTTPS/1.1 server on loopback, with a certificate made for the test by the JDK's keytool,
 * scripted per request: answer a status with headers, stall, reset the connection, close after
 * reading the body, or send a huge body. Records every request it read.
 */
public final class ScriptedHttpsServer implements AutoCloseable {

  /** What the server does with the n-th request (0-based). */
  public sealed interface Behavior {}

  /** Answers with a status, headers and a short body. */
  public record Answer(int status, Map<String, String> headers) implements Behavior {}

  /** Reads the request and never answers (until the server closes). */
  public record Stall() implements Behavior {}

  /** Reads the request, then resets the connection (RST). */
  public record Reset() implements Behavior {}

  /** Reads the request, then closes the connection without a word. */
  public record CloseAfterBody() implements Behavior {}

  /** Answers 200 with a body of the given size. */
  public record HugeBody(long bytes) implements Behavior {}

  /** A request as the server read it, body un-gzipped. */
  public record Request(String method, String path, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final SSLServerSocket socket;
  private final Path caPem;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
  private volatile IntFunction<Behavior> script = n -> new Answer(200, Map.of());

  private ScriptedHttpsServer(SSLServerSocket socket, Path caPem) {
    this.socket = socket;
    this.caPem = caPem;
    Thread t = new Thread(this::acceptLoop, "scripted-https");
    t.setDaemon(true);
    t.start();
  }

  /** Starts a server whose certificate names {@code localhost} and {@code 127.0.0.1}. */
  public static ScriptedHttpsServer start(Path workDir) throws Exception {
    return start(workDir, "dns:localhost,ip:127.0.0.1");
  }

  /** Starts a server whose certificate has these subject alternative names. */
  public static ScriptedHttpsServer start(Path workDir, String san) throws Exception {
    TestCertificate cert = TestCertificate.make(workDir, san);
    Path keystore = cert.keystore();
    Path pem = cert.pem();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, TestCertificate.PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, TestCertificate.PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    SSLServerSocket server =
        (SSLServerSocket)
            ctx.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new ScriptedHttpsServer(server, pem);
  }

  /** Sets what the n-th request (0-based, counted from the start) gets. */
  public void script(IntFunction<Behavior> value) {
    this.script = value;
  }

  /** Forgets the recorded requests and answers 200 again. */
  public void reset() {
    requests.clear();
    script = n -> new Answer(200, Map.of());
  }

  /** Every request gets this. */
  public void always(Behavior behavior) {
    this.script = n -> behavior;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** https://127.0.0.1:PORT/collect */
  public String url() {
    return "https://127.0.0.1:" + port() + "/collect";
  }

  /** The certificate to trust, as PEM. */
  public Path caPem() {
    return caPem;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public int connections() {
    return connections.get();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        connections.incrementAndGet();
        open.add(s);
        Thread t = new Thread(() -> handle(s), "scripted-https-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket s) {
    try {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      while (true) {
        Request r = read(in);
        if (r == null) {
          return;
        }
        int n = requests.size();
        requests.add(r);
        Behavior b = script.apply(n);
        if (b instanceof Stall) {
          Thread.sleep(Long.MAX_VALUE);
        } else if (b instanceof Reset) {
          s.setSoLinger(true, 0);
          s.close();
          return;
        } else if (b instanceof CloseAfterBody) {
          s.close();
          return;
        } else if (b instanceof HugeBody huge) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Length: " + huge.bytes() + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[64 * 1024];
          for (long sent = 0; sent < huge.bytes(); sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, huge.bytes() - sent));
          }
          out.flush();
        } else if (b instanceof Answer a) {
          boolean noBody = a.status() == 204 || a.status() == 304;
          byte[] body = noBody ? new byte[0] : "{}".getBytes(StandardCharsets.US_ASCII);
          StringBuilder head = new StringBuilder("HTTP/1.1 ").append(a.status()).append(" X\r\n");
          a.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
          head.append(noBody ? "" : "Content-Length: " + body.length + "\r\n").append("\r\n");
          out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away, or the server is closing
    } finally {
      try {
        s.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  private static Request read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
      state =
          (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
              ? state + 1
              : (c == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] start = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    if ("gzip".equalsIgnoreCase(headers.get("content-encoding"))) {
      try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = gz.readAllBytes();
      }
    }
    return new Request(start[0], start.length > 1 ? start[1] : "", headers, body);
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
