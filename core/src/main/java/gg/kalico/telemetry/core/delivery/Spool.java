package gg.kalico.telemetry.core.delivery;

import gg.kalico.telemetry.core.internal.io.AtomicFiles;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents not delivered yet, one file each in {@value #DIR} beside the config, written atomically
 * so a crash never leaves half a document. Bounded to {@value #MAX_ENTRIES} documents and 10 MiB:
 * when full, the oldest goes and the drop is counted. A file that cannot be read is moved to {@code
 * damaged/}, counted, and never sent.
 *
 * <p>Only used once the user has opted in.
 */
public final class Spool {
  /** The spool folder's name. */
  public static final String DIR = ".telemetry-spool";

  /** At most this many documents wait. */
  public static final int MAX_ENTRIES = 30;

  /** At most this many bytes of documents wait. */
  public static final long MAX_BYTES = 10L * 1024 * 1024;

  private static final String COUNTERS = "counters.json";

  /** At most this many bytes are read of one entry. */
  private static final int MAX_ENTRY_BYTES = (int) MAX_BYTES + 4096;

  /** What an id must look like: an idempotency key (a UUID, or letters, digits, - and _). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The folder, inside the spool, where entries that cannot be sent are set aside. */
  public static final String DAMAGED = "damaged";

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Logger log = LoggerFactory.getLogger(Spool.class);

  private final Path dir;

  /** The spool beside a config folder. */
  public Spool(Path configDir) {
    this.dir = configDir.resolve(DIR);
  }

  /**
   * A waiting document.
   *
   * @param file where it is kept
   * @param id its idempotency key, the same on every attempt and after restarts
   * @param created when it was made
   * @param body the exact bytes to send
   */
  public record Entry(Path file, String id, Instant created, byte[] body) {}

  /**
   * What the spool has counted.
   *
   * @param droppedFull documents dropped because the spool was full
   * @param refused documents the receiver refused for good (413 and other permanent answers)
   * @param damaged files that could not be read and were moved aside
   */
  public record Counters(long droppedFull, long refused, long damaged) {}

  /** Keeps a document; then drops the oldest while over the bounds. */
  public Entry add(String id, byte[] body, Instant created) throws IOException {
    AtomicFiles.ownFolder(dir);
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("created", created.toString());
    n.put("body", new String(body, StandardCharsets.UTF_8));
    Path file = dir.resolve(String.format("%016d-%s.json", created.toEpochMilli(), id));
    AtomicFiles.write(file, JSON.writeValueAsBytes(n));
    enforceBounds();
    return new Entry(file, id, created, body.clone());
  }

  /** Waiting documents, oldest first; unreadable files are moved aside and counted. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Path file : files()) {
      try {
        JsonNode n = JSON.readTree(SmallFiles.read(file, MAX_ENTRY_BYTES, Links.REFUSE));
        String id = n.get("id").asString();
        Instant created = Instant.parse(n.get("created").asString());
        byte[] body = n.get("body").asString().getBytes(StandardCharsets.UTF_8);
        if (!ID.matcher(id).matches() || body.length == 0) {
          // an id that is not an idempotency key could not even be put in a header
          throw new IllegalStateException("empty entry, or an id that is not a key");
        }
        out.add(new Entry(file, id, created, body));
      } catch (NoSuchFileException e) {
        // removed meanwhile by another sender: nothing to do
      } catch (IOException | RuntimeException e) {
        moveAside(file, e);
      }
    }
    return out;
  }

  /** Moves a document that cannot be sent aside, into damaged/, and counts it. */
  public void setAside(Entry entry, String why) {
    moveAside(entry.file(), new IllegalStateException(why));
  }

  /** Removes a delivered (or refused) document. */
  public void remove(Entry entry) throws IOException {
    Files.deleteIfExists(entry.file());
  }

  /** Counts a document the receiver refused for good. */
  public void countRefused() {
    Counters c = counters();
    writeCounters(new Counters(c.droppedFull(), c.refused() + 1, c.damaged()));
  }

  /** The names the spool gives its documents; nothing else in its folder is ever deleted. */
  private static final Pattern ENTRY_NAME = Pattern.compile("\\d{16}-[0-9A-Za-z_-]{1,64}\\.json");

  /**
   * Removes the spool: its documents, the damaged ones, its counters, and its folders when they are
   * then empty. Only files whose names the spool itself creates are deleted; anything else in the
   * folder (and a link, which is removed as a link, never followed) stays.
   *
   * @return how many documents (waiting and damaged) were removed
   */
  public int removeAll() throws IOException {
    int removed = 0;
    for (Path folder : List.of(dir.resolve(DAMAGED), dir)) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
        for (Path p : s) {
          String name = p.getFileName().toString();
          if (ENTRY_NAME.matcher(name).matches()) {
            Files.deleteIfExists(p);
            removed++;
          } else if (folder.equals(dir) && name.equals(COUNTERS)) {
            Files.deleteIfExists(p);
          }
        }
      }
      try {
        Files.deleteIfExists(folder);
      } catch (DirectoryNotEmptyException e) {
        log.warn("left {}: it holds files the spool did not write", folder);
      }
    }
    return removed;
  }

  /** How many documents wait. */
  public int size() {
    return files().size();
  }

  /** The counters, zero when nothing was counted. */
  public Counters counters() {
    try {
      JsonNode n = JSON.readTree(SmallFiles.read(dir.resolve(COUNTERS), 4096, Links.REFUSE));
      return new Counters(
          n.path("dropped_full").asLong(), n.path("refused").asLong(), n.path("damaged").asLong());
    } catch (IOException | RuntimeException e) {
      return new Counters(0, 0, 0);
    }
  }

  private void enforceBounds() throws IOException {
    List<Path> files = files();
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    int dropped = 0;
    while (!files.isEmpty() && (files.size() > MAX_ENTRIES || total > MAX_BYTES)) {
      Path oldest = files.remove(0);
      total -= Files.size(oldest);
      Files.deleteIfExists(oldest);
      dropped++;
    }
    if (dropped > 0) {
      log.warn("the telemetry spool was full; dropped the {} oldest document(s)", dropped);
      Counters c = counters();
      writeCounters(new Counters(c.droppedFull() + dropped, c.refused(), c.damaged()));
    }
  }

  private void moveAside(Path file, Exception why) {
    log.warn(
        "spooled document {} is damaged; moved to {}/ and not sent",
        file.getFileName(),
        DAMAGED,
        why);
    try {
      Path damaged = AtomicFiles.ownFolder(dir.resolve(DAMAGED));
      // a link is moved as a link: nothing is followed
      Files.move(file, damaged.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      Counters c = counters();
      writeCounters(new Counters(c.droppedFull(), c.refused(), c.damaged() + 1));
    } catch (IOException e) {
      log.warn("cannot move {} aside", file, e);
    }
  }

  private void writeCounters(Counters c) {
    try {
      ObjectNode n = JSON.createObjectNode();
      n.put("dropped_full", c.droppedFull());
      n.put("refused", c.refused());
      n.put("damaged", c.damaged());
      AtomicFiles.ownFolder(dir);
      AtomicFiles.write(dir.resolve(COUNTERS), JSON.writeValueAsBytes(n));
    } catch (IOException e) {
      log.warn("cannot update the spool counters in {}", dir, e);
    }
  }

  /**
   * Entry files, oldest first (names start with the creation time). Only names the spool gives its
   * entries count: anything else in the folder is never read, sent, moved or deleted.
   */
  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return files; // missing, or a link that is never followed (the facade refuses it)
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : s) {
        if (ENTRY_NAME.matcher(p.getFileName().toString()).matches()) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      log.warn("cannot list the telemetry spool {}", dir, e);
    }
    files.sort(null);
    return files;
  }
}
