package gg.kalico.telemetry.kalico;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.consent.Consent;
import gg.kalico.telemetry.core.delivery.Spool;
import gg.kalico.telemetry.core.report.ReportState;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.kalico.config.SaveConfig;
import gg.kalico.telemetry.kalico.consent.ConsentResolver;
import gg.kalico.telemetry.spi.TelemetryException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user's commands by their G-code names, for a host's command dispatcher, with Kalico's
 * answers. {@code ENABLE_TELEMETRY} and {@code DISABLE_TELEMETRY} only stage the change, as
 * Kalico's {@code configfile.set} does; {@link #saveConfig()} writes it, as SAVE_CONFIG does.
 *
 * <p>One instance per host session (make it once, beside the {@link Telemetry} facade): the config
 * is read (as Kalico reads it at start-up) the first time a change is staged, and a change staged
 * by one command is the one SAVE_CONFIG writes. Not thread-safe; a G-code dispatcher calls one
 * command at a time. The facade knows nothing of these commands; they use its public entry points
 * only.
 */
public final class TelemetryCommands {
  /** Kalico's first-run notice, shown while the user has not decided. */
  public static final String FIRST_RUN_NOTICE =
      "Welcome to Kalico\n"
          + "\n"
          + "Kalico is starting an opt-in analytics campaign, collecting anonymous data about our"
          + " users\n"
          + "Submitted data will contain an anonymized copy of your current configuration, enabled"
          + " Kalico modules and plugins, and some basic information about the host machine.\n"
          + "\n"
          + "`ENABLE_TELEMETRY` will opt-in to the campaign\n"
          + "`DISABLE_TELEMETRY` will permanently opt-out\n"
          + "\n"
          + "`TELEMETRY_EXAMPLE` will save a full example of what would be submitted as"
          + " 'telemetry.json' in your configuration folder\n"
          + "\n"
          + "For more information, visit https://kalico.gg/telemetry";

  private final Telemetry telemetry;
  private SaveConfig session;
  private boolean stagedEnabled;

  /** The commands for a host's facade. */
  public TelemetryCommands(Telemetry telemetry) {
    this.telemetry = telemetry;
  }

  /**
   * The commands Kalico would register for the current config: ENABLE_TELEMETRY unless {@code
   * enabled} is true, DISABLE_TELEMETRY unless it is false, TELEMETRY_EXAMPLE unless it is false.
   */
  public Set<String> available() {
    Consent.State state = configState();
    Set<String> names = new LinkedHashSet<>();
    if (state != Consent.State.ENABLED) {
      names.add("ENABLE_TELEMETRY");
    }
    if (state != Consent.State.DISABLED) {
      names.add("DISABLE_TELEMETRY");
      names.add("TELEMETRY_EXAMPLE");
    }
    return names;
  }

  /**
   * Runs a command by its G-code name ({@code ENABLE_TELEMETRY}, {@code DISABLE_TELEMETRY}, {@code
   * TELEMETRY_EXAMPLE}) and returns the answer to show the user.
   *
   * @throws TelemetryException for a name that is not one of them, or not available now
   */
  public String execute(String gcode) {
    Set<String> available = available(); // one read of the config decides and explains
    if (!available.contains(gcode)) {
      throw new TelemetryException(
          "Unknown command: \"" + gcode + "\"; available now: " + String.join(", ", available));
    }
    return switch (gcode) {
      case "ENABLE_TELEMETRY" -> enableTelemetry();
      case "DISABLE_TELEMETRY" -> disableTelemetry();
      default -> telemetryExample();
    };
  }

  /** The first-run notice while the user has not decided; empty once they have. */
  public Optional<String> firstRunNotice() {
    return telemetry.consent().state() == Consent.State.UNSET
        ? Optional.of(FIRST_RUN_NOTICE)
        : Optional.empty();
  }

  /** ENABLE_TELEMETRY: stages {@code [telemetry] enabled: True}; SAVE_CONFIG writes it. */
  public String enableTelemetry() {
    session().stageTelemetry(true);
    stagedEnabled = true;
    return "Kalico telemetry enabled\n\n`SAVE_CONFIG` will update your printer config\n"
        + "file with this setting and restart the printer.";
  }

  /** DISABLE_TELEMETRY: stages {@code [telemetry] enabled: False}; SAVE_CONFIG writes it. */
  public String disableTelemetry() {
    session().stageTelemetry(false);
    stagedEnabled = false;
    return "Kalico telemetry disabled\n\n`SAVE_CONFIG` will update your printer config\n"
        + "file with this setting and restart the printer.";
  }

  /**
   * TELEMETRY_EXAMPLE: writes telemetry.json beside the config.
   *
   * @throws TelemetryException when telemetry is disabled (Kalico does not offer the command)
   */
  public String telemetryExample() {
    Path written = telemetry.writeExample().path();
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath();
    Path shown = written.startsWith(home) ? home.relativize(written) : written;
    return "Example telemetry saved to " + shown;
  }

  /**
   * SAVE_CONFIG for the staged telemetry choice.
   *
   * @throws TelemetryException when nothing is staged, or Kalico would refuse to save
   */
  public SaveConfig.Result saveConfig() {
    if (session == null) {
      throw new TelemetryException(
          "nothing to save: run ENABLE_TELEMETRY or DISABLE_TELEMETRY" + " first");
    }
    telemetry.refuseLinksToOwnFiles();
    SaveConfig.Result result = session.save(telemetry.clock());
    session = null;
    if (!stagedEnabled) {
      // opting out also forgets what was waiting to go out and what was sent
      telemetry
          .spool()
          .ifPresent(
              spool -> {
                try {
                  spool.removeAll();
                  telemetry.history().forget();
                } catch (IOException e) {
                  throw new TelemetryException(
                      "telemetry is disabled, but "
                          + Spool.DIR
                          + "/, "
                          + ReportState.FILE
                          + " or "
                          + ReportState.LAST_REPORT
                          + " beside printer.cfg"
                          + " could not be removed ("
                          + e.getClass().getSimpleName()
                          + "); delete them",
                      e);
                }
              });
    }
    return result;
  }

  private SaveConfig session() {
    if (session == null) {
      Path config =
          telemetry
              .hostFacts()
              .configPath()
              .orElseThrow(
                  () ->
                      new TelemetryException(
                          "the telemetry choice is saved in printer.cfg, but no config path was given"));
      session = SaveConfig.start(config);
    }
    return session;
  }

  /** The choice written in the config itself, environment aside. */
  private Consent.State configState() {
    return ConsentResolver.resolve(
            Map.of(), telemetry.hostFacts().configPath().map(p -> new KalicoConfigReader().read(p)))
        .state();
  }
}
