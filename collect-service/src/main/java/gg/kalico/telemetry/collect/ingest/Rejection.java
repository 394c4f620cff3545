package gg.kalico.telemetry.collect.ingest;

import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Why a request was refused, as an RFC 9457 problem: an HTTP status, a stable reason (also the
 * metric's label), a sentence for people, and for schema failures the JSON pointer and rule of each
 * violation. Never the offending value.
 */
public final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One schema violation: where and which rule. */
  public record Violation(String pointer, String rule) {}

  private final int status;
  private final String reason;
  private final transient List<Violation> violations;
  private final int retryAfterSeconds;
  private final String acceptedMajors;

  private Rejection(
      int status,
      String reason,
      String detail,
      List<Violation> violations,
      int retryAfterSeconds,
      String acceptedMajors) {
    super(detail, null, false, false);
    this.status = status;
    this.reason = reason;
    this.violations = List.copyOf(violations);
    this.retryAfterSeconds = retryAfterSeconds;
    this.acceptedMajors = acceptedMajors;
  }

  private Rejection(
      int status, String reason, String detail, List<Violation> violations, int retryAfterSeconds) {
    this(status, reason, detail, violations, retryAfterSeconds, null);
  }

  /**
   * A document of a later major than this service knows: 415, with the majors it accepts (the
   * {@code Telemetry-Schema-Majors} header), so that the client keeps the report for a later round
   * instead of dropping it.
   */
  public static Rejection unsupportedMajor(int sent, String acceptedMajors) {
    return new Rejection(
        415,
        "schema_major",
        "this service accepts schema majors "
            + acceptedMajors
            + ", not "
            + sent
            + "; keep the report and send it again once the"
            + " service accepts major "
            + sent,
        List.of(),
        -1,
        acceptedMajors);
  }

  /** The majors this service accepts ({@code "1,2"}), with {@link #unsupportedMajor}; or null. */
  public String acceptedMajors() {
    return acceptedMajors;
  }

  public static Rejection of(int status, String reason, String detail) {
    return new Rejection(status, reason, detail, List.of(), -1);
  }

  public static Rejection invalid(String detail, List<Violation> violations) {
    return new Rejection(400, "schema", detail, violations, -1);
  }

  public static Rejection retryLater(int status, String reason, String detail, int seconds) {
    return new Rejection(status, reason, detail, List.of(), seconds);
  }

  public int status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public List<Violation> violations() {
    return violations;
  }

  /** Seconds for Retry-After, or -1 for none. */
  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The RFC 9457 problem body: type, title, status, detail, and the violations (at most 50). */
  public byte[] problemJson() {
    ObjectNode problem = JsonMapper.shared().createObjectNode();
    problem.put("type", "https://kalico.gg/telemetry/problems/" + reason.replace('_', '-'));
    problem.put("title", title(status));
    problem.put("status", status);
    problem.put("detail", getMessage());
    if (!violations.isEmpty()) {
      ArrayNode list = problem.putArray("violations");
      violations.stream()
          .limit(50)
          .forEach(v -> list.addObject().put("pointer", v.pointer()).put("rule", v.rule()));
    }
    return JsonMapper.shared().writeValueAsBytes(problem);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
