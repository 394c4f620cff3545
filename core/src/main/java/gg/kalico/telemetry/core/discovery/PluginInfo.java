package gg.kalico.telemetry.core.discovery;

import java.util.List;

/**
 * One plugin as {@code plugins} lists it.
 *
 * @param id the plugin id
 * @param version its version
 * @param state what became of it
 * @param sections the document paths its collectors fill
 * @param transports the names of its transports
 * @param problem why it failed or was rejected, or null
 */
public record PluginInfo(
    String id,
    String version,
    PluginStatus state,
    List<String> sections,
    List<String> transports,
    String problem) {

  /** Copies. */
  public PluginInfo {
    sections = List.copyOf(sections);
    transports = List.copyOf(transports);
  }
}
