package com.example.host;

import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;

/** The host's own section, {@code extensions.job-queue}: whether its job queue is in use. */
public final class JobQueueCollector implements Collector {
  @Override
  public String section() {
    return "job-queue";
  }

  @Override
  public int order() {
    return 60;
  }

  @Override
  public Section collect(CollectorContext context) {
    return Section.builder().put("enabled", true).put("queued_jobs", 0).build();
  }
}
