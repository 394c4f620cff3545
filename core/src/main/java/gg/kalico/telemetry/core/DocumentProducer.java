package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.assembly.SectionFailure;
import gg.kalico.telemetry.core.discovery.ExtensionCatalog;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.host.HostConfigReader;
import gg.kalico.telemetry.core.internal.assembly.Contribution;
import gg.kalico.telemetry.core.internal.assembly.DefaultCollectorContext;
import gg.kalico.telemetry.core.internal.assembly.DocumentAssembler;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Produces the document of one major: the schema is compiled once, on a background thread started
 * by the first use (so it overlaps with discovery and collection on a small board's other core);
 * every discovered collector runs under its own budget and schema; a field the facade's wire
 * profile cannot map is reported like a section left out.
 */
final class DocumentProducer {
  private final SchemaCatalog schemas;
  private final int major;
  private final Duration budget;
  private final HostFacts facts;
  private final Clock clock;
  private final WireProfile profile;
  private final Supplier<ExtensionCatalog> extensions;
  private final HostConfigReader hostReader;
  private CompletableFuture<TelemetrySchema> schema;

  DocumentProducer(
      SchemaCatalog schemas,
      int major,
      Duration budget,
      HostFacts facts,
      Clock clock,
      WireProfile profile,
      Supplier<ExtensionCatalog> extensions,
      HostConfigReader hostReader) {
    this.hostReader = hostReader;
    this.schemas = schemas;
    this.major = major;
    this.budget = budget;
    this.facts = facts;
    this.clock = clock;
    this.profile = profile;
    this.extensions = extensions;
  }

  /** Runs every collector over a configuration already read, and validates. */
  Collected collect(HostConfig host, boolean mayWrite) {
    startLoading();
    ExtensionCatalog catalog = extensions.get();
    List<Contribution> contributions = new ArrayList<>();
    for (var c : catalog.collectors()) {
      String plugin = catalog.pluginOf(c);
      contributions.add(
          plugin == null
              ? new Contribution(c, null, budget, catalog.sectionSchemaOf(c), Integer.MAX_VALUE)
              : new Contribution(
                  c,
                  plugin,
                  Contribution.PLUGIN_BUDGET,
                  catalog.sectionSchema(plugin),
                  Contribution.EXTENSION_MAX_BYTES));
    }
    TelemetrySchema s;
    try {
      s = startLoading().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Collected collection =
        new DocumentAssembler(s, schemas.allSectionKeys(), budget, schemas)
            .assembleAll(
                contributions,
                new DefaultCollectorContext(host.names(), factsFor(host), clock, mayWrite, major));
    if (profile == WireProfile.CANONICAL) {
      return collection;
    }
    // a field the wire profile cannot map is reported like a section left out, never guessed
    List<SectionFailure> failures = new ArrayList<>(collection.failures());
    profile
        .shape(collection.document(), schemas)
        .unmapped()
        .forEach(
            f ->
                failures.add(
                    new SectionFailure(
                        "profile " + profile.label() + ": " + f.field(),
                        "wire profile",
                        SectionFailure.Kind.UNMAPPED,
                        f.why())));
    return new Collected(collection.document(), failures);
  }

  /**
   * The facts collectors see: the host's, with what its adapter gives where the host named nothing:
   * the application name, and the objects it derives. A derivation that fails leaves the objects
   * out (logged), never the document.
   */
  private HostFacts factsFor(HostConfig host) {
    HostFacts seen = facts;
    if (seen.application().isEmpty() && hostReader.application().isPresent()) {
      seen = seen.toBuilder().application(hostReader.application().get()).build();
    }
    if (seen.enabledObjects().isPresent()) {
      return seen;
    }
    try {
      HostFacts base = seen;
      return hostReader
          .startupObjects(host.names(), base)
          .map(objects -> base.toBuilder().enabledObjects(objects).build())
          .orElse(base);
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(DocumentProducer.class)
          .warn(
              "the host adapter could not"
                  + " derive its objects; the document has no objects section",
              e);
      return seen;
    }
  }

  private synchronized CompletableFuture<TelemetrySchema> startLoading() {
    if (schema == null) {
      schema = new CompletableFuture<>();
      CompletableFuture<TelemetrySchema> target = schema;
      Thread loader =
          new Thread(
              () -> {
                try {
                  target.complete(schemas.load(major));
                } catch (RuntimeException | Error e) {
                  target.completeExceptionally(e);
                }
              },
              "telemetry-schema-loader");
      loader.setDaemon(true);
      loader.start();
    }
    return schema;
  }
}
