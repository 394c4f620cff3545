package gg.kalico.telemetry.collect.stats;

/** A name and how many distinct active machines reported it. */
public record NameCount(String name, long machines) {}
