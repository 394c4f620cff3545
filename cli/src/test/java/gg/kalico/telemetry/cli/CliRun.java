package gg.kalico.telemetry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the CLI, in this JVM or as a real separate process, and keeps what it printed. */
record CliRun(int exit, String out, String err) {

  /** In-process: fast, for many runs. */
  static CliRun inProcess(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * As a separate {@code java} process with its own environment (HOME and the cache folder point
   * into {@code home}), capturing everything it prints, log lines included.
   */
  static CliRun process(Path home, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    return process(home, List.of(), env, args);
  }

  /** As {@link #process(Path, Map, String...)}, with options for the JVM. */
  static CliRun process(Path home, List<String> jvmOptions, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(
        List.of(
            "-Duser.home=" + home,
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("HOME", home.toString());
    pb.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    pb.environment().remove("DO_NOT_TRACK");
    pb.environment().remove("KALICO_TELEMETRY");
    pb.environment().putAll(env);
    Process p = pb.start();
    var outF = p.getInputStream();
    var errF = p.getErrorStream();
    var errText = new java.util.concurrent.CompletableFuture<String>();
    Thread t =
        new Thread(
            () -> {
              try {
                errText.complete(new String(errF.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                errText.completeExceptionally(e);
              }
            });
    t.start();
    String out = new String(outF.readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("CLI did not finish");
    }
    t.join();
    return new CliRun(p.exitValue(), out, errText.join());
  }
}
