package gg.kalico.telemetry.builtin.software;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs read-only git commands in a checkout with a real timeout and without prompts, so a broken
 * credential helper, a hook or a slow disk cannot hang the host: the output is drained on its own
 * thread (at most {@value #MAX_OUTPUT} bytes are kept), and when the deadline passes the process
 * and everything it started are killed and the command counts as failed.
 */
final class GitRunner {
  private static final int MAX_OUTPUT = 4096;

  private final String git;
  private final Path dir;
  private final Duration timeout;

  GitRunner(String git, Path dir, Duration timeout) {
    this.git = git;
    this.dir = dir;
    this.timeout = timeout;
  }

  /** The command's first output line, or null when git is missing, fails or times out. */
  String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(git);
    command.add("-C");
    command.add(dir.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    pb.environment().put("GIT_ASKPASS", "true");
    pb.environment().put("LC_ALL", "C");
    long deadline = System.nanoTime() + timeout.toNanos();
    Process p = null;
    try {
      p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = drain(p.getInputStream());
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) || p.exitValue() != 0) {
        return null;
      }
      // git has exited; a child it left behind may still hold the pipe: wait no longer
      long left = Math.max(0, deadline - System.nanoTime());
      String text = new String(out.get(left, TimeUnit.NANOSECONDS), StandardCharsets.UTF_8).strip();
      String first = text.split("\n", 2)[0].strip();
      return first.isEmpty() ? null : first;
    } catch (IOException | ExecutionException | TimeoutException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  /** Reads the output on a daemon thread, so that the caller only ever waits with a deadline. */
  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (in) {
                byte[] kept = in.readNBytes(MAX_OUTPUT);
                in.transferTo(OutputStream.nullOutputStream()); // the rest is not kept
                result.complete(kept);
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            },
            "telemetry-git-output");
    reader.setDaemon(true);
    reader.start();
    return result;
  }
}
