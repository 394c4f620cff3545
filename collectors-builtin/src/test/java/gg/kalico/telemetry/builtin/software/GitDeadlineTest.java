package gg.kalico.telemetry.builtin.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule: git runs with a real timeout. A git that hangs, one that never stops writing, and one that
 * exits but leaves a child holding its output open are each given up on at the deadline (the
 * process and its children killed), and the {@code .version} fallback applies. The bound on each
 * test only guards against a hang; the scripts would run for ten minutes.
 */
class GitDeadlineTest {
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);

  @TempDir Path dir;

  private Path fakeGit(String body) throws Exception {
    Path git = dir.resolve("git");
    Files.writeString(git, "#!/bin/sh\necho $$ > " + dir.resolve("pid") + "\n" + body + "\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwx------"));
    return git;
  }

  private Map<String, Object> collectWith(Path git) throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("kalico/klippy"));
    Files.writeString(checkout.resolve(".version"), "v0.12.0-42-gdeadbee\n");
    HostFacts facts = HostFacts.builder().hostDirectory(checkout.getParent()).build();
    return assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            new SoftwareCollector(git.toString(), DEADLINE)
                .collect(TestContext.of(facts))
                .fields());
  }

  private void assertKilled() throws Exception {
    long pid = Long.parseLong(Files.readString(dir.resolve("pid")).strip());
    ProcessHandle.of(pid)
        .ifPresent(
            h -> {
              try {
                h.onExit().get(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new AssertionError("git (pid " + pid + ") is still running", e);
              }
            });
  }

  @Test
  void aGitThatHangsIsKilledAndTheVersionFileApplies() throws Exception {
    Map<String, Object> s = collectWith(fakeGit("exec sleep 600"));
    assertThat(s)
        .containsEntry("version", "v0.12.0-42-gdeadbee")
        .containsEntry("source", "version-file");
    assertKilled();
  }

  @Test
  void aGitThatNeverStopsWritingIsDrainedAndKilled() throws Exception {
    Map<String, Object> s = collectWith(fakeGit("exec yes v9.9.9-0-gfeedbee"));
    assertThat(s).containsEntry("source", "version-file");
    assertKilled();
  }

  /**
   * git exits but leaves a child holding its output open. Whether the line it printed is read
   * depends on a race inside the JDK (it may drain and close the pipe when git exits), so either
   * answer is right: what must hold is that the collector is not kept waiting.
   */
  @Test
  void aChildThatKeepsTheOutputOpenDoesNotHoldTheCollector() throws Exception {
    Map<String, Object> s = collectWith(fakeGit("sleep 60 &\necho v9.9.9-0-gfeedbee\nexit 0"));
    assertThat(s.get("source")).isIn("git", "version-file");
    assertThat(s.get("version")).isIn("v9.9.9-0-gfeedbee", "v0.12.0-42-gdeadbee");
  }

  @Test
  void aGitThatAnswersInTimeIsUsed() throws Exception {
    Map<String, Object> s = collectWith(fakeGit("echo v1.2.3-4-gabcdef0"));
    assertThat(s).containsEntry("version", "v1.2.3-4-gabcdef0").containsEntry("source", "git");
  }
}
