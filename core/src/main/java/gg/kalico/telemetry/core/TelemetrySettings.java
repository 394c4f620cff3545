package gg.kalico.telemetry.core;

import com.google.inject.Module;
import gg.kalico.telemetry.core.delivery.Sleeper;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.discovery.PluginsDirectory;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.core.report.ReportHistory;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What a {@link TelemetryBuilder} settled, complete and immutable: the facade and its collaborators
 * read their settings here rather than each taking a long argument list.
 *
 * @param facts the facts collectors see, the config path included
 * @param plugins a PF4J plugins folder, or null
 * @param modules the host's Guice modules
 * @param collectorBudget how long one collector may take
 * @param clock the clock collectors and the history see
 * @param environment the environment consent and transports read
 * @param transportName the transport reports go through
 * @param transportOptions its options (never logged)
 * @param interval at most one report per this interval
 * @param disabledPlugins plugin ids left out
 * @param schemaMajor the major documents are produced for
 * @param schemas the published schemas
 * @param hostReader reads the host's configuration
 * @param profile the shape documents are sent in
 * @param sleeper how to wait between attempts
 * @param random the jitter source of the backoff
 * @param roundBudget how long one sending round may take
 */
record TelemetrySettings(
    HostFacts facts,
    PluginsDirectory plugins,
    List<Module> modules,
    Duration collectorBudget,
    Clock clock,
    Map<String, String> environment,
    String transportName,
    Map<String, String> transportOptions,
    Duration interval,
    Set<String> disabledPlugins,
    int schemaMajor,
    SchemaCatalog schemas,
    HostConfigReader hostReader,
    WireProfile profile,
    Sleeper sleeper,
    Random random,
    Duration roundBudget) {

  /** Reads the host's configuration once: one operation sees one state of the files. */
  HostConfig readHostConfig() {
    return hostReader.read(facts.configPath(), environment);
  }

  /** The folder our files live in: the config's, if there is a config. */
  Optional<Path> stateDir() {
    return facts.configPath().map(p -> p.toAbsolutePath().getParent());
  }

  /** The reporting history beside the config (none without a config). */
  ReportHistory history() {
    return new ReportHistory(stateDir());
  }

  /** The spool beside the config, if there is a config. */
  Optional<Spool> spool() {
    return stateDir().map(Spool::new);
  }

  /** Refuses to go on when a link stands where one of our files should be ({@link OwnFiles}). */
  void refuseLinksToOwnFiles() {
    stateDir().ifPresent(dir -> OwnFiles.refuseLinks(dir, hostReader.ownFiles()));
  }
}
