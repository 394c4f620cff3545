package gg.kalico.telemetry.builtin.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gg.kalico.telemetry.builtin.TestContext;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareCollectorTest {
  @TempDir Path dir;

  private static void git(Path repo, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-C",
                repo.toString(),
                "-c",
                "user.email=t@example.net",
                "-c",
                "user.name=t",
                "-c",
                "init.defaultBranch=main"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
  }

  private static boolean gitAvailable() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private Map<String, Object> collect(HostFacts facts) {
    return new SoftwareCollector().collect(TestContext.of(facts)).fields();
  }

  @Test
  void describesTheCheckoutAsKalicoDoesWithTheRemoteReduced() throws Exception {
    assumeTrue(gitAvailable(), "git is not installed");
    Path repo = Files.createDirectories(dir.resolve("kalico"));
    git(repo, "init", "-q");
    Files.writeString(repo.resolve("README"), "x");
    git(repo, "add", "README");
    git(repo, "commit", "-q", "-m", "first");
    git(repo, "tag", "v0.12.0");
    Files.writeString(repo.resolve("README"), "y");
    git(repo, "commit", "-q", "-am", "second");
    git(
        repo,
        "remote",
        "add",
        "origin",
        "https://CANARYuser:CANARYpass@github.com/KalicoCrew/kalico.git");
    git(repo, "config", "branch.main.remote", "origin");
    Files.writeString(repo.resolve("README"), "dirty");

    Map<String, Object> s = collect(HostFacts.builder().hostDirectory(repo).build());

    assertThat((String) s.get("version")).matches("v0\\.12\\.0-1-g[0-9a-f]+-dirty");
    assertThat(s)
        .containsEntry("branch", "main")
        .containsEntry("remote", "github.com/KalicoCrew/kalico")
        .containsEntry("source", "git");
    assertThat(s.toString()).doesNotContain("CANARY");
  }

  @Test
  void withoutGitMetadataTheVersionFileIsUsed() throws Exception {
    Path host = Files.createDirectories(dir.resolve("klipper/klippy"));
    Files.writeString(host.resolve(".version"), "v0.12.0-123-gabcdef\n");
    Map<String, Object> s =
        collect(HostFacts.builder().hostDirectory(dir.resolve("klipper")).build());
    assertThat(s)
        .containsExactly(
            Map.entry("version", "v0.12.0-123-gabcdef"), Map.entry("source", "version-file"));
  }

  @Test
  void thenWhatTheHostStates() {
    Map<String, Object> s =
        collect(
            HostFacts.builder()
                .hostDirectory(dir.resolve("missing"))
                .softwareVersion("v1.0")
                .softwareBranch("stable")
                .softwareRemote("git@github.com:me/fork.git")
                .build());
    assertThat(s)
        .containsExactly(
            Map.entry("version", "v1.0"),
            Map.entry("branch", "stable"),
            Map.entry("remote", "github.com/me/fork"),
            Map.entry("source", "host"));
  }

  @Test
  void otherwiseItSaysItDoesNotKnow() {
    assertThat(collect(HostFacts.builder().build()))
        .containsExactly(Map.entry("source", "unknown"));
  }
}
