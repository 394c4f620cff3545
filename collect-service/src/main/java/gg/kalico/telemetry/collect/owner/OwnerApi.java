package gg.kalico.telemetry.collect.owner;

import gg.kalico.telemetry.collect.ingest.BodyLoader;
import gg.kalico.telemetry.collect.ingest.IngestHandler;
import gg.kalico.telemetry.collect.ingest.RateLimiter;
import gg.kalico.telemetry.collect.ingest.Rejection;
import gg.kalico.telemetry.collect.store.MachineRecords;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a machine's owner may ask, proving ownership with the machine's owner secret (see {@link
 * MachineOwner}): {@code POST /machine} answers what is held about the machine, {@code POST
 * /machine/erase} erases it. Both take {@code {"machine_id": ..., "secret": ...}}. An unknown
 * machine and a wrong secret get the same 404 after the same work (the secret's image is compared
 * in constant time, with a stand-in image when none is held); erasing again is that same 404.
 * Rate-limited per address like {@code /collect}; the secret is never logged or kept.
 */
public final class OwnerApi {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");

  /** Compared against when nothing is held, so that both cases cost the same. */
  private static final byte[] STAND_IN =
      MachineOwner.image("no machine").getBytes(StandardCharsets.US_ASCII);

  private final MachineRecords records;
  private final RateLimiter rate;
  private final MeterRegistry metrics;

  public OwnerApi(MachineRecords records, int ratePerAddressPerMinute, MeterRegistry metrics) {
    this.records = records;
    this.rate = new RateLimiter(ratePerAddressPerMinute);
    this.metrics = metrics;
  }

  public void register(RoutesConfig routes) {
    routes.post("/machine", ctx -> answer(ctx, false));
    routes.post("/machine/erase", ctx -> answer(ctx, true));
  }

  private void answer(Context ctx, boolean erase) {
    try {
      // the address is used here, in memory, and nowhere else
      if (!rate.tryAcquire(ctx.ip())) {
        throw Rejection.retryLater(
            429, "rate", "too many requests from one address", rate.retryAfterSeconds());
      }
      String machineId = proven(ctx);
      String kind = erase ? "erase" : "see";
      if (machineId == null) {
        count(kind, "nothing");
        throw nothingHeld();
      }
      if (erase) {
        boolean held = records.erase(machineId);
        count(kind, held ? "erased" : "nothing");
        if (!held) {
          throw nothingHeld();
        }
        ctx.contentType("application/json").result("{\"status\":\"erased\"}");
        return;
      }
      Optional<MachineRecords.Held> held = records.held(machineId);
      count(kind, held.isPresent() ? "held" : "nothing");
      ctx.contentType("application/json")
          .result(JSON.writeValueAsString(held(held.orElseThrow(OwnerApi::nothingHeld))));
    } catch (Rejection r) {
      if (r.retryAfterSeconds() >= 0) {
        ctx.header("Retry-After", String.valueOf(r.retryAfterSeconds()));
      }
      IngestHandler.writeProblem(ctx, r);
    }
  }

  /** The machine id when the request proves ownership of it, else null. */
  private String proven(Context ctx) {
    BodyLoader.Loaded loaded = ctx.attribute(BodyLoader.ATTRIBUTE);
    if (loaded == null) {
      throw Rejection.of(413, "too_large", "a request to /machine is a small JSON object");
    }
    if (loaded.refused() != null) {
      throw loaded.refused();
    }
    JsonNode body;
    try {
      body = JSON.readTree(loaded.wire());
    } catch (JacksonException e) {
      throw Rejection.of(400, "json", "the body is not valid JSON");
    }
    String machineId = body == null ? null : body.path("machine_id").asString(null);
    String secret = body == null ? null : body.path("secret").asString(null);
    if (machineId == null
        || !MACHINE_ID.matcher(machineId).matches()
        || !MachineOwner.wellFormed(secret)) {
      throw Rejection.of(
          400,
          "proof",
          "send {\"machine_id\": 32 hex digits, \"secret\": 64 hex"
              + " digits}: the machine's id and owner secret, as kalico-telemetry data does");
    }
    Optional<String> image = records.ownerImage(machineId);
    byte[] expected = image.map(i -> i.getBytes(StandardCharsets.US_ASCII)).orElse(STAND_IN);
    byte[] given = MachineOwner.image(secret).getBytes(StandardCharsets.US_ASCII);
    boolean same = MessageDigest.isEqual(expected, given);
    return same && image.isPresent() ? machineId : null;
  }

  private static Rejection nothingHeld() {
    return Rejection.of(404, "nothing_held", "nothing is held for this machine and proof");
  }

  private void count(String kind, String outcome) {
    metrics.counter("telemetry.owner.requests", "kind", kind, "outcome", outcome).increment();
  }

  private static ObjectNode held(MachineRecords.Held h) {
    ObjectNode out = JSON.createObjectNode();
    out.put("machine_id", h.machineId());
    out.put("first_seen", h.firstSeen().toString());
    out.put("last_seen", h.lastSeen().toString());
    out.put("last_changed", h.lastChanged().toString());
    out.set("document", JSON.readTree(h.document()));
    ArrayNode reports = out.putArray("reports");
    for (MachineRecords.Day d : h.reports()) {
      reports
          .addObject()
          .put("day", d.day().toString())
          .put("received_at", d.receivedAt().toString())
          .put("schema_major", d.schemaMajor())
          .put("source", d.source())
          .put("document_sha256", d.documentSha256());
    }
    return out;
  }
}
