package gg.kalico.telemetry.plugins.board;

import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The single-board computer: its model from {@code /proc/device-tree/model} (Raspberry Pi, Orange
 * Pi, BTT CB1, ...) and its memory in buckets, so no exact figure identifies a machine. Reads no
 * configuration at all.
 */
@Extension
public final class BoardCollector implements Collector {
  static final String SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "description": "The single-board computer model and its memory size in buckets.",
        "type": "object",
        "additionalProperties": false,
        "maxProperties": 2,
        "properties": {
          "model": {
            "description": "Board model from the device tree; letters, digits and . _ - + ( ) , / space.",
            "type": "string", "maxLength": 96, "pattern": "^[A-Za-z0-9 ._()+,/-]{1,96}$",
            "x-privacy": "system-fact", "examples": ["Raspberry Pi 4 Model B Rev 1.4"]
          },
          "memory": {
            "description": "Memory size, rounded up to a bucket.",
            "enum": ["512MB", "1GB", "2GB", "4GB", "8GB", "16GB", "more"],
            "x-privacy": "closed-set", "examples": ["4GB"]
          }
        }
      }
      """;

  private static final String[] BUCKETS = {"512MB", "1GB", "2GB", "4GB", "8GB", "16GB"};

  @Override
  public String section() {
    return "board";
  }

  @Override
  public Optional<String> sectionSchema() {
    return Optional.of(SCHEMA);
  }

  @Override
  public Section collect(CollectorContext context) {
    Path root = context.host().systemRoot();
    return Section.builder()
        .put("model", model(root.resolve("proc/device-tree/model")))
        .put("memory", memory(root.resolve("proc/meminfo")))
        .build();
  }

  /** The model with characters outside the allowed set removed, or null. */
  static String model(Path file) {
    String raw = read(file);
    if (raw == null) {
      return null;
    }
    String clean = raw.replace('\0', ' ').replaceAll("[^A-Za-z0-9 ._()+,/-]", "").strip();
    clean = clean.length() > 96 ? clean.substring(0, 96).strip() : clean;
    return clean.isEmpty() ? null : clean;
  }

  /** MemTotal rounded up to a bucket, or null. */
  static String memory(Path meminfo) {
    String text = read(meminfo);
    if (text == null) {
      return null;
    }
    for (String line : text.split("\n")) {
      if (line.startsWith("MemTotal:")) {
        try {
          long kib = Long.parseLong(line.substring(9).replace("kB", "").strip());
          long limitKib = 512L * 1024;
          for (String bucket : BUCKETS) {
            if (kib <= limitKib) { // compared in KiB: 512 MiB and 1 KiB more is the next bucket
              return bucket;
            }
            limitKib *= 2;
          }
          return "more";
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String read(Path file) {
    try {
      // sysfs and device-tree files: links are followed, FIFOs and devices never opened
      return SmallFiles.readText(file, 65536, Links.FOLLOW);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
