package gg.kalico.telemetry.builtin.software;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs read-only git commands in a checkout with a timeout and without prompts, so a broken
 * credential helper or a slow disk cannot hang the host.
 */
final class GitRunner {
  private static final int MAX_OUTPUT = 4096;

  private final Path dir;
  private final Duration timeout;

  GitRunner(Path dir, Duration timeout) {
    this.dir = dir;
    this.timeout = timeout;
  }

  /** The command's first output line, or null when git is missing, fails or times out. */
  String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("GIT_ASKPASS", "true");
    pb.environment().put("LC_ALL", "C");
    Process p = null;
    try {
      p = pb.start();
      p.getOutputStream().close();
      byte[] out = readLimited(p.getInputStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        return null;
      }
      if (p.exitValue() != 0) {
        return null;
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      String first = text.split("\n", 2)[0].strip();
      return first.isEmpty() ? null : first;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private static byte[] readLimited(InputStream in) throws IOException {
    byte[] buf = in.readNBytes(MAX_OUTPUT);
    in.close();
    return buf;
  }
}
