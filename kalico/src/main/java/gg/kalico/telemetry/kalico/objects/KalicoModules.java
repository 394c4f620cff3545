package gg.kalico.telemetry.kalico.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which modules a Kalico installation has: with a checkout, the modules in its {@code
 * klippy/extras} and {@code klippy/plugins} (third-party plugins such as Happy-Hare's {@code mmu}
 * included), as Kalico's loader finds them; without one, the stock list of the commit the table
 * describes.
 */
final class KalicoModules {
  private KalicoModules() {}

  /** The modules of a checkout, or empty when {@code host} is not a Kalico/Klipper checkout. */
  static Optional<Set<String>> of(Path host) {
    if (host == null || !Files.isDirectory(host.resolve("klippy/extras"))) {
      return Optional.empty();
    }
    Set<String> modules = new HashSet<>();
    for (String dir : new String[] {"klippy/extras", "klippy/plugins"}) {
      Path d = host.resolve(dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> entries = Files.list(d)) {
        entries.forEach(
            p -> {
              String name = p.getFileName().toString();
              if (name.endsWith(".py") && !name.equals("__init__.py")) {
                modules.add(name.substring(0, name.length() - 3));
              } else if (Files.isRegularFile(p.resolve("__init__.py"))) {
                modules.add(name);
              }
            });
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.of(Set.copyOf(modules));
  }
}
