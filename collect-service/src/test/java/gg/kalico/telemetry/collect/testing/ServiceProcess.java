package gg.kalico.telemetry.collect.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The collect service as its own {@code java} process, as docs/collect-service.md starts it. */
public final class ServiceProcess implements AutoCloseable {
  private final Process process;
  private final URI collect;

  private ServiceProcess(Process process, URI collect) {
    this.process = process;
    this.collect = collect;
  }

  /** Starts {@code Main} with these arguments (plus {@code --port 0}); waits for its URL. */
  public static ServiceProcess start(Path log, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "gg.kalico.telemetry.collect.Main",
                "--port",
                "0"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("collect service listening on ")) {
      p.destroyForcibly();
      throw new IllegalStateException("the service did not start: " + line + "; see " + log);
    }
    String url = line.substring("collect service listening on ".length()).split(" ")[0];
    return new ServiceProcess(p, URI.create(url));
  }

  /** Runs {@code Main} with these arguments to its end (a subcommand); returns its output. */
  public static Finished run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "gg.kalico.telemetry.collect.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("Main " + String.join(" ", args) + " did not end");
    }
    return new Finished(p.exitValue(), out);
  }

  /** How a command ended. */
  public record Finished(int exitCode, String output) {}

  public URI collectUri() {
    return collect;
  }

  public Process process() {
    return process;
  }

  /**
   * SIGTERM, then waits for the process to end; returns the exit code (143, 128 + SIGTERM, after a
   * clean stop: the JVM ran the service's shutdown hook).
   */
  public int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the service did not stop within 30 s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        terminate();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
