package gg.kalico.telemetry.core;

import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.internal.delivery.Deliverer;
import gg.kalico.telemetry.core.internal.delivery.Outcome;
import gg.kalico.telemetry.core.report.ReportHistory;
import gg.kalico.telemetry.spi.transport.Payload;
import gg.kalico.telemetry.spi.transport.Receipt;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One sending round, once consent and the transport are settled: a new document (when one is due)
 * goes into the spool before the first attempt, then the spool is delivered oldest first within the
 * deliverer's budget. One bad document goes aside and the round goes on; a receiver that is not
 * taking documents ends the round, and the rest wait. Every outcome is recorded in the history.
 */
final class SendRound {
  private static final Logger log = LoggerFactory.getLogger(SendRound.class);
  private static final JsonMapper JSON = JsonMapper.shared();

  private final Deliverer deliverer;
  private final Optional<Spool> spool;
  private final ReportHistory history;
  private final Map<String, String> options;
  private final Clock clock;
  private final Function<JsonNode, String> hostAgent;
  private final IntFunction<String> schemaVersion;

  /**
   * @param options the transport's options, with what the environment adds (never logged)
   * @param hostAgent what the User-Agent says of the host, from the document
   * @param schemaVersion the {@code MAJOR.MINOR} a document of a major follows, or null
   */
  SendRound(
      Deliverer deliverer,
      Optional<Spool> spool,
      ReportHistory history,
      Map<String, String> options,
      Clock clock,
      Function<JsonNode, String> hostAgent,
      IntFunction<String> schemaVersion) {
    this.hostAgent = hostAgent;
    this.schemaVersion = schemaVersion;
    this.deliverer = deliverer;
    this.spool = spool;
    this.history = history;
    this.options = Map.copyOf(options);
    this.clock = clock;
  }

  /**
   * Runs the round.
   *
   * @param fresh whether a new document is made and sent first
   * @param document makes the new document's bytes (called only when {@code fresh})
   */
  SendReport run(boolean fresh, Supplier<byte[]> document) {
    List<Spool.Entry> queue = new ArrayList<>();
    if (fresh) {
      byte[] body = document.get();
      String id = UUID.randomUUID().toString();
      Instant now = clock.instant();
      Spool.Entry kept = keep(id, body, now);
      if (kept.file() == null) {
        queue.add(kept); // not in the spool: sent from memory, after what the spool holds
      }
      history.attempted(now);
    }
    spool.ifPresent(s -> queue.addAll(0, s.entries()));
    List<Receipt> delivered = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    String deferred = null;
    for (Spool.Entry entry : queue) {
      Outcome outcome =
          deliverer.deliver(new Payload(entry.id(), entry.body(), optionsFor(entry.body())));
      switch (outcome.kind()) {
        case DAMAGED -> {
          // one bad document never blocks the queue: it goes aside and the round goes on
          if (entry.file() != null) {
            spool.get().setAside(entry, outcome.detail());
          }
          history.failed(outcome.detail());
        }
        case DEFERRED -> {
          deferred = outcome.detail();
          history.failed(deferred);
        }
        case DELIVERED -> {
          remove(entry);
          delivered.add(outcome.receipt());
          history.delivered(outcome.receipt(), entry.body());
        }
        default -> {
          remove(entry);
          refused.add(outcome.detail());
          spool.ifPresent(Spool::countRefused);
          history.failed(outcome.detail());
        }
      }
      if (deferred != null) {
        break; // the receiver is not taking documents now: the rest wait too
      }
    }
    int waiting = spool.map(Spool::size).orElse(deferred == null ? 0 : 1);
    return new SendReport(fresh, delivered, refused, waiting, deferred);
  }

  /** The new document, spooled when there is a spool (so nothing is lost if the process dies). */
  private Spool.Entry keep(String id, byte[] body, Instant now) {
    if (spool.isPresent()) {
      try {
        return spool.get().add(id, body, now);
      } catch (IOException e) {
        log.warn("cannot spool the telemetry document; sending it without a copy", e);
      }
    }
    return new Spool.Entry(null, id, now, body);
  }

  private void remove(Spool.Entry entry) {
    if (entry.file() != null) {
      try {
        spool.get().remove(entry);
      } catch (IOException e) {
        log.warn("cannot remove a delivered document from the spool", e);
      }
    }
  }

  private Map<String, String> optionsFor(byte[] body) {
    Map<String, String> opts = new HashMap<>(options);
    JsonNode tree = null;
    try {
      tree = JSON.readTree(body);
    } catch (RuntimeException e) {
      // a body it cannot read still goes out, without what is read from it
    }
    opts.putIfAbsent(Payload.USER_AGENT, userAgent(tree, hostAgent));
    if (tree != null && tree.path("schema_version").isInt()) {
      String version = schemaVersion.apply(tree.get("schema_version").asInt());
      if (version != null) {
        opts.putIfAbsent(Payload.SCHEMA, version);
      }
    }
    return opts;
  }

  /** Names this framework and what the host adapter says of the host the document reports. */
  static String userAgent(byte[] body, Function<JsonNode, String> hostAgent) {
    JsonNode tree = null;
    try {
      tree = JSON.readTree(body);
    } catch (RuntimeException e) {
      // the agent is a courtesy; a body it cannot read still goes out
    }
    return userAgent(tree, hostAgent);
  }

  private static String userAgent(JsonNode tree, Function<JsonNode, String> hostAgent) {
    String host = "";
    try {
      host = tree == null ? "" : hostAgent.apply(tree);
    } catch (RuntimeException e) {
      // the agent is a courtesy
    }
    return "kalico-telemetry/" + FrameworkVersion.current() + host;
  }
}
