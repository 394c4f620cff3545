package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.discovery.ExtensionCatalog;
import gg.kalico.telemetry.core.host.HostConfig;
import gg.kalico.telemetry.core.internal.delivery.Deliverer;
import gg.kalico.telemetry.core.report.ReportHistory;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.transport.Transport;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Starts sending rounds, one at a time: settles consent, the transport and its options before
 * anything is collected, then hands the rest to a {@link SendRound}. The lock is not the facade's
 * own: while a round waits on the network, the example, the status and closing answer at once.
 */
final class SendRounds {
  private final ReentrantLock rounds = new ReentrantLock();
  private final TelemetrySettings settings;
  private final Supplier<ExtensionCatalog> extensions;
  private final DocumentProducer producer;

  SendRounds(
      TelemetrySettings settings,
      Supplier<ExtensionCatalog> extensions,
      DocumentProducer producer) {
    this.settings = settings;
    this.extensions = extensions;
    this.producer = producer;
  }

  /**
   * One round, serialized with any other.
   *
   * @param force a new report even when one was tried within the interval
   * @param known the configuration the caller read already, or null to read it now
   */
  SendReport run(String name, Map<String, String> options, boolean force, HostConfig known) {
    rounds.lock();
    try {
      HostConfig host = known != null ? known : settings.readHostConfig();
      requireConsent(host.consent());
      Transport transport = transport(name);
      Map<String, String> resolved = options(transport, options);
      settings.refuseLinksToOwnFiles();
      ReportHistory history = settings.history();
      boolean fresh = force || history.isDue(settings.clock().instant(), settings.interval());
      SendRound round =
          new SendRound(
              new Deliverer(
                  transport,
                  settings.clock(),
                  settings.sleeper(),
                  settings.random(),
                  settings.roundBudget()),
              settings.spool(),
              history,
              resolved,
              settings.clock(),
              settings.hostReader()::userAgentSuffix,
              major -> settings.schemas().has(major) ? settings.schemas().version(major) : null);
      return round.run(
          fresh,
          () ->
              settings
                  .profile()
                  .render(producer.collect(host, true).document(), settings.schemas()));
    } finally {
      rounds.unlock();
    }
  }

  private void requireConsent(Consent consent) {
    if (!consent.allowsSending()) {
      String optIn = settings.hostReader().howToOptIn();
      throw new TelemetryException(
          "telemetry is "
              + consent.state().name().toLowerCase(Locale.ROOT)
              + " ("
              + consent.source()
              + "); nothing was sent. "
              + Character.toUpperCase(optIn.charAt(0))
              + optIn.substring(1));
    }
  }

  private Transport transport(String name) {
    ExtensionCatalog catalog = extensions.get();
    return catalog
        .transport(name)
        .orElseThrow(
            () ->
                new TelemetryException(
                    "no transport named '"
                        + name
                        + "' is installed; installed transports: "
                        + String.join(", ", catalog.transportNames())));
  }

  /**
   * The caller's options, then the host's defaults, then what the transport adds and checks: all
   * before anything is collected or spooled, so no document is made only to be dropped.
   */
  private Map<String, String> options(Transport transport, Map<String, String> given) {
    Map<String, String> options = new HashMap<>(given);
    settings.hostReader().transportDefaults(settings.environment()).forEach(options::putIfAbsent);
    try {
      return Map.copyOf(transport.options(options, settings.environment()));
    } catch (TelemetryException e) {
      throw e;
    } catch (RuntimeException e) {
      // a plugin's transport: named, without its exception, whose message may repeat the options
      throw new TelemetryException(
          "the transport '"
              + transport.name()
              + "' failed to check its options ("
              + e.getClass().getSimpleName()
              + "); check the plugin that provides it");
    }
  }
}
