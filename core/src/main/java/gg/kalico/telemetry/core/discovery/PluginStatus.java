package gg.kalico.telemetry.core.discovery;

/** What became of a plugin, as {@code plugins} lists it. */
public enum PluginStatus {
  /** Running: its collector and transports take part. */
  STARTED,
  /** Turned off by the host or in the plugins folder (enabled.txt / disabled.txt). */
  DISABLED,
  /** Loaded, but refused by the rules (the admission rules); the problem says which. */
  REJECTED,
  /** Loaded, but not started: it requires another host version, or a dependency is missing. */
  NOT_STARTED,
  /** Its start failed (its plugin class could not be created, for example). */
  FAILED,
  /** The jar could not be loaded at all (no or a broken descriptor, a duplicate id). */
  NOT_LOADED
}
