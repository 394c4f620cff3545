package gg.kalico.telemetry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
  @TempDir Path dir;

  private static byte[] doc(int n) {
    return ("{\"n\": " + n + "}\n").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void keepsExactBytesAndIdsOldestFirst() throws Exception {
    Spool spool = new Spool(dir);
    spool.add("b", doc(2), Instant.parse("2026-11-25T12:00:02Z"));
    spool.add("a", doc(1), Instant.parse("2026-11-25T12:00:01Z"));
    var entries = new Spool(dir).entries();
    assertThat(entries).extracting(Spool.Entry::id).containsExactly("a", "b");
    assertThat(entries.get(0).body()).isEqualTo(doc(1));
    spool.remove(entries.get(0));
    assertThat(spool.size()).isEqualTo(1);
  }

  @Test
  void whenFullTheOldestGoesAndTheDropIsCounted() throws Exception {
    Spool spool = new Spool(dir);
    Instant t = Instant.parse("2026-11-25T12:00:00Z");
    for (int i = 0; i < Spool.MAX_ENTRIES + 3; i++) {
      spool.add("id-" + i, doc(i), t.plusSeconds(i));
    }
    assertThat(spool.size()).isEqualTo(Spool.MAX_ENTRIES);
    assertThat(spool.entries().get(0).id()).isEqualTo("id-3");
    assertThat(spool.counters().droppedFull()).isEqualTo(3);
  }

  @Test
  void theByteBoundAlsoDropsTheOldest() throws Exception {
    Spool spool = new Spool(dir);
    byte[] big = new byte[3 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    Instant t = Instant.parse("2026-11-25T12:00:00Z");
    for (int i = 0; i < 4; i++) {
      spool.add("big-" + i, big, t.plusSeconds(i));
    }
    assertThat(spool.size()).isEqualTo(3);
    assertThat(spool.counters().droppedFull()).isEqualTo(1);
  }

  @Test
  void aTornFileIsMovedAsideCountedAndNeverSent() throws Exception {
    Spool spool = new Spool(dir);
    spool.add("good", doc(1), Instant.parse("2026-11-25T12:00:01Z"));
    Path torn = dir.resolve(Spool.DIR).resolve("0000000000000001-torn.json");
    Files.writeString(torn, "{\"id\": \"torn\", \"created\": \"2026-11-2");
    assertThat(spool.entries()).extracting(Spool.Entry::id).containsExactly("good");
    assertThat(torn).doesNotExist();
    assertThat(dir.resolve(Spool.DIR).resolve("damaged").resolve(torn.getFileName())).exists();
    assertThat(spool.counters().damaged()).isEqualTo(1);
  }

  @Test
  void removeAllTakesWhatTheSpoolWroteAndLeavesEverythingElse() throws Exception {
    Spool spool = new Spool(dir);
    spool.add("11111111-2222-3333-4444-555555555555", doc(1), Instant.now());
    Path folder = dir.resolve(Spool.DIR);
    Path damaged = Files.createDirectories(folder.resolve("damaged"));
    Files.writeString(damaged.resolve("0000000000000001-torn.json"), "{");
    Files.writeString(folder.resolve("counters.json"), "{\"damaged\": 1}");
    assertThat(spool.removeAll()).isEqualTo(2);
    assertThat(folder).doesNotExist();

    spool.add("66666666-2222-3333-4444-555555555555", doc(1), Instant.now());
    Path mine = folder.resolve("my-notes.txt");
    Files.writeString(mine, "not the spool's");
    Path outside = Files.writeString(dir.resolve("outside.json"), "{}");
    Files.createSymbolicLink(folder.resolve("0000000000000002-link.json"), outside);
    assertThat(spool.removeAll()).isEqualTo(2);
    assertThat(mine).exists();
    assertThat(outside).as("a link is removed as a link, never followed").exists();
    assertThat(spool.size()).isZero();
  }
}
