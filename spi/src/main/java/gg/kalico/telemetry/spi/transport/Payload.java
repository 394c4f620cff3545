package gg.kalico.telemetry.spi.transport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One document on its way out: the exact bytes, its identity and the transport's options.
 *
 * @param documentId identifies the document across retries and restarts (a UUID); a transport that
 *     supports it sends it as the idempotency key
 * @param body the UTF-8 JSON bytes to deliver; never modified by the transport
 * @param options transport settings chosen by the host or the user (for example {@code path} for
 *     the file transport); may hold secrets, so never log them
 */
public record Payload(String documentId, byte[] body, Map<String, String> options) {
  /**
   * Option the send round fills in for every transport: what the report names itself as (the
   * framework, then what the host adapter says of the host); an HTTP transport sends it as the
   * User-Agent.
   */
  public static final String USER_AGENT = "user_agent";

  /**
   * Option the send round fills in for every transport: the schema version the document follows,
   * {@code MAJOR.MINOR}, so that a receiver on an earlier minor can set aside the fields it does
   * not know instead of refusing the report.
   */
  public static final String SCHEMA = "schema";

  /**
   * Option a host may give: the image of the machine's owner secret, which lets the owner later see
   * and erase what a receiver holds.
   */
  public static final String OWNER = "owner";

  /** Validates and copies. */
  public Payload {
    Objects.requireNonNull(documentId, "documentId");
    body = Objects.requireNonNull(body, "body").clone();
    options = Map.copyOf(options);
  }

  /** A copy of the body bytes. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** One option, if set and not blank. */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name)).filter(v -> !v.isBlank());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p
        && documentId.equals(p.documentId)
        && Arrays.equals(body, p.body)
        && options.equals(p.options);
  }

  @Override
  public int hashCode() {
    return Objects.hash(documentId, Arrays.hashCode(body), options);
  }

  /** Never shows the body or option values. */
  @Override
  public String toString() {
    return "Payload["
        + documentId
        + ", "
        + body.length
        + " bytes, options="
        + options.keySet()
        + "]";
  }
}
