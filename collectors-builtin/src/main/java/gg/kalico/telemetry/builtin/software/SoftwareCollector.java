package gg.kalico.telemetry.builtin.software;

import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.HostFacts;
import gg.kalico.telemetry.spi.collector.Section;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The {@code software} section: version, branch and remote of the host's checkout, as Kalico
 * derives them (git describe, current branch, that branch's remote reduced to host and path). Falls
 * back to a {@code .version} file, then to what the host states.
 */
@Extension(ordinal = 30)
public final class SoftwareCollector implements Collector {
  private static final Duration GIT_TIMEOUT = Duration.ofMillis(1500);

  private final String git;
  private final Duration gitTimeout;

  /** Runs {@code git} from the PATH, each command within 1.5 s. */
  public SoftwareCollector() {
    this("git", GIT_TIMEOUT);
  }

  /** Runs the given git executable, each command within {@code gitTimeout}. */
  SoftwareCollector(String git, Duration gitTimeout) {
    this.git = git;
    this.gitTimeout = gitTimeout;
  }

  @Override
  public String section() {
    return "software";
  }

  @Override
  public int order() {
    return 30;
  }

  /** The major-1 shape (see {@link BuiltinShape}), carried to newer majors by migrations. */
  @Override
  public Section collect(CollectorContext context) {
    return BuiltinShape.of(produce(context));
  }

  private Section produce(CollectorContext context) {
    HostFacts host = context.host();
    Optional<Path> dir = host.hostDirectory().filter(Files::isDirectory);
    if (dir.isPresent()) {
      GitRunner git = new GitRunner(this.git, dir.get(), gitTimeout);
      String version = git.run("describe", "--always", "--tags", "--long", "--dirty");
      if (version != null) {
        String branch = git.run("rev-parse", "--abbrev-ref", "HEAD");
        String remoteName =
            branch == null || branch.equals("HEAD")
                ? null
                : git.run("config", "--get", "branch." + branch + ".remote");
        String url = git.run("remote", "get-url", remoteName != null ? remoteName : "origin");
        return section(version, branch, RemoteUrls.reduce(url), "git");
      }
      String fromFile = versionFile(dir.get());
      if (fromFile != null) {
        return section(fromFile, null, null, "version-file");
      }
    }
    if (host.softwareVersion().isPresent()) {
      return section(
          host.softwareVersion().get(),
          host.softwareBranch().orElse(null),
          RemoteUrls.reduce(host.softwareRemote().orElse(null)),
          "host");
    }
    return Section.builder().put("source", "unknown").build();
  }

  private static Section section(String version, String branch, String remote, String source) {
    return Section.builder()
        .put("version", clip(version))
        .put("branch", clip(branch))
        .put("remote", clip(remote))
        .put("source", source)
        .build();
  }

  private static String clip(String s) {
    return s == null || s.isBlank() ? null : s.length() <= 256 ? s : s.substring(0, 256);
  }

  /** First line of klippy/.version or .version, as Klipper's build writes it. */
  private static String versionFile(Path dir) {
    for (Path candidate : new Path[] {dir.resolve("klippy/.version"), dir.resolve(".version")}) {
      try {
        String line = SmallFiles.readText(candidate, 4096, Links.FOLLOW).strip();
        if (!line.isEmpty()) {
          return line.split("\n", 2)[0].strip();
        }
      } catch (IOException | RuntimeException e) {
        // unreadable: try the next source
      }
    }
    return null;
  }
}
