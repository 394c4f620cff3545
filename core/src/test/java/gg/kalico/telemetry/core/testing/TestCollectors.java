package gg.kalico.telemetry.core.testing;

import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import java.util.List;
import java.util.Map;

/** Small collectors that behave well or badly on purpose. */
public final class TestCollectors {
  private TestCollectors() {}

  /** A collector for {@code key} that returns {@code section}. */
  public static Collector returning(String key, int order, Section section) {
    return new Fixed(key, order, section);
  }

  /** A collector that throws. */
  public static Collector throwing(String key, int order) {
    return new Fixed(key, order, null) {
      @Override
      public Section collect(CollectorContext context) {
        throw new IllegalStateException("collector broke on purpose");
      }
    };
  }

  /** A collector that never returns (until interrupted). */
  public static Collector hanging(String key, int order) {
    return new Fixed(key, order, null) {
      @Override
      public Section collect(CollectorContext context) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Section.of(Map.of("late", true));
      }
    };
  }

  /** A valid system section, for documents that need one. */
  public static Section system() {
    return Section.builder()
        .put("arch", "x86_64")
        .put("cpu", Map.of("model", "test cpu", "cores", 4))
        .build();
  }

  /** A valid objects section. */
  public static Section objects() {
    return Section.ofItems(List.of("gcode", "toolhead"));
  }

  private static class Fixed implements Collector {
    private final String key;
    private final int order;
    private final Section section;

    Fixed(String key, int order, Section section) {
      this.key = key;
      this.order = order;
      this.section = section;
    }

    @Override
    public String section() {
      return key;
    }

    @Override
    public int order() {
      return order;
    }

    @Override
    public Section collect(CollectorContext context) {
      return section;
    }
  }
}
