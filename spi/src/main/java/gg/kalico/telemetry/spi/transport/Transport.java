package gg.kalico.telemetry.spi.transport;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Delivers telemetry documents. Selected by {@link #name()}.
 *
 * <p>Implementations are created by the core through Guice and may be called from any thread, one
 * call at a time per document. A transport must not log or echo the payload's options when they may
 * hold credentials.
 */
public interface Transport extends ExtensionPoint {

  /** The name users select this transport by: lowercase letters, digits and {@code -}. */
  String name();

  /**
   * The options a round sends with: the given ones (the caller's, then the host's defaults) with
   * what this transport takes from the environment added, checked before anything is collected or
   * spooled, so that no document is made only to be dropped. The default returns the given options
   * as they are.
   *
   * @param given the options so far (never logged: they may hold credentials)
   * @param environment the environment the host runs with
   * @return the options to send with
   * @throws gg.kalico.telemetry.spi.TelemetryException naming the missing or bad option and the fix
   */
  default Map<String, String> options(Map<String, String> given, Map<String, String> environment) {
    return given;
  }

  /**
   * Delivers one document.
   *
   * @return what was delivered where
   * @throws TransportException when the document was not delivered; {@link
   *     TransportException#retryable()} says whether trying again later may succeed
   */
  Receipt send(Payload payload);
}
