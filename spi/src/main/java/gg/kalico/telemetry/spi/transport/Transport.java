package gg.kalico.telemetry.spi.transport;

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
   * Delivers one document.
   *
   * @return what was delivered where
   * @throws TransportException when the document was not delivered; {@link
   *     TransportException#retryable()} says whether trying again later may succeed
   */
  Receipt send(Payload payload);
}
