package gg.kalico.telemetry.builtin.machine;

import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import gg.kalico.telemetry.spi.files.UnsafeFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Finds the raw machine id: {@code /etc/machine-id} when it is valid, else {@code .machine-id}
 * beside the config, created once with a random UUID and reused afterwards.
 */
final class MachineIdSource {
  static final String GENERATED_FILE = ".machine-id";
  private static final Pattern SYSTEMD_ID = Pattern.compile("[0-9a-f]{32}");

  /** A UUID, bare or with Kalico's {@code kalico-} prefix. */
  private static final Pattern GENERATED_ID =
      Pattern.compile("(kalico-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static final int MAX_ID_BYTES = 1024;

  private final Path systemRoot;

  MachineIdSource(Path systemRoot) {
    this.systemRoot = systemRoot;
  }

  /** The raw id and where it came from. */
  record MachineId(String raw, String source) {
    @Override
    public String toString() {
      return "MachineId[" + source + "]"; // never the raw id
    }
  }

  /**
   * @param configPath the host's config file, beside which {@code .machine-id} lives; may be null
   * @throws IllegalStateException when there is no valid system id and no config folder to keep a
   *     generated one in
   */
  MachineId find(Path configPath, boolean mayWrite) {
    String system = readSystemId();
    if (system != null) {
      return new MachineId(system, "machine-id");
    }
    if (configPath == null) {
      throw new IllegalStateException(
          "no valid /etc/machine-id and no config folder to keep a" + " generated id in");
    }
    Path file = configPath.toAbsolutePath().resolveSibling(GENERATED_FILE);
    if (!mayWrite) {
      String stored = readGenerated(file);
      // not stored until the user opts in or asks for the example: a temporary one meanwhile
      return new MachineId(stored != null ? stored : newId(), "generated");
    }
    return new MachineId(readOrCreate(file), "generated");
  }

  /**
   * The raw id when one exists already: the system's, or the generated one kept beside the config;
   * never creates one.
   */
  Optional<String> existing(Path configPath) {
    String system = readSystemId();
    if (system != null || configPath == null) {
      return Optional.ofNullable(system);
    }
    return Optional.ofNullable(
        readGenerated(configPath.toAbsolutePath().resolveSibling(GENERATED_FILE)));
  }

  /** The systemd machine id when it is 32 lowercase hex digits, not all zeros. */
  String readSystemId() {
    Path file = systemRoot.resolve("etc/machine-id");
    try {
      String id = SmallFiles.readText(file, MAX_ID_BYTES, Links.FOLLOW).strip();
      if (!SYSTEMD_ID.matcher(id).matches() || id.chars().allMatch(c -> c == '0')) {
        return null; // also "uninitialized", empty, wrong length or case
      }
      return id;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String readOrCreate(Path file) {
    try {
      SmallFiles.refuseLink(file);
    } catch (UnsafeFileException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    String existing = readGenerated(file);
    if (existing != null) {
      return existing;
    }
    String fresh = newId();
    Path temp = file.resolveSibling(GENERATED_FILE + ".tmp-" + UUID.randomUUID());
    try {
      Files.writeString(
          temp,
          fresh + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          StandardOpenOption.SYNC);
      if (Files.exists(file)) {
        // present but unusable (empty, damaged): replace it atomically
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        try {
          Files.createLink(file, temp); // atomic and never replaces: a concurrent winner is kept
        } catch (FileAlreadyExistsException raced) {
          String winner = readGenerated(file);
          if (winner != null) {
            return winner;
          }
          throw new IllegalStateException(GENERATED_FILE + " appeared but is unusable");
        } catch (UnsupportedOperationException noLinks) {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      return fresh;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create "
              + GENERATED_FILE
              + " beside the config ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless and never read
      }
    }
  }

  /** Kalico's format, so that Kalico and this project share one generated id. */
  private static String newId() {
    return "kalico-" + UUID.randomUUID();
  }

  private static String readGenerated(Path file) {
    try {
      // ours: never read through a link somebody put there
      String id =
          SmallFiles.readText(file, MAX_ID_BYTES, Links.REFUSE).strip().toLowerCase(Locale.ROOT);
      return GENERATED_ID.matcher(id).matches() || SYSTEMD_ID.matcher(id).matches() ? id : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
