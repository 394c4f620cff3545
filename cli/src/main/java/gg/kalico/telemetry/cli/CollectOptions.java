package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.builtin.machine.MachineOwnership;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.TelemetryException;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every collecting command shares, and how they become a {@link Telemetry}. */
final class CollectOptions {
  /** The launcher sets this to the project folder, the CLI's own checkout. */
  static final String HOME_PROPERTY = "kalico.telemetry.home";

  @Option(
      names = "--config",
      paramLabel = "PATH",
      description =
          "printer.cfg to read (default: ~/printer_data/config/printer.cfg when it"
              + " exists, else the bundled example config)")
  Path config;

  @Option(
      names = "--plugins",
      paramLabel = "DIR",
      description =
          "a directory of PF4J plugin jars"
              + " (enable or disable one by id with enabled.txt / disabled.txt there)")
  Path plugins;

  @Option(
      names = "--disable-plugin",
      paramLabel = "ID",
      description = "leave out the plugin with this id; repeatable")
  List<String> disabledPlugins = new ArrayList<>();

  @Option(
      names = "--host-dir",
      paramLabel = "PATH",
      description = "the host software's git checkout (default: ~/kalico, then ~/klipper)")
  Path hostDir;

  @Option(
      names = "--schema-major",
      paramLabel = "N",
      description =
          "produce documents of this published schema major (default: the newest),"
              + " for a receiver that still expects an older one")
  Integer schemaMajor;

  @Option(
      names = "--schema-dir",
      paramLabel = "DIR",
      description =
          "read the schema majors and migrations from this schema folder instead of"
              + " the published ones (for maintainers trying a new major; see"
              + " docs/schema-releases.md)")
  Path schemaDir;

  @Option(
      names = "--system-root",
      paramLabel = "DIR",
      hidden = true,
      description = "where the machine's /etc and /proc are visible (containers, tests)")
  Path systemRoot;

  /** The config file to read, after applying the defaults. */
  ResolvedConfig resolveConfig() {
    if (config != null) {
      if (Files.isDirectory(config)) {
        throw new TelemetryException(
            "--config " + config + " is a directory; give the path of" + " printer.cfg inside it");
      }
      if (!Files.exists(config)) {
        throw new TelemetryException(
            "--config " + config + " does not exist; give the path of" + " your printer.cfg");
      }
      return new ResolvedConfig(config, false);
    }
    Path home = Path.of(System.getProperty("user.home"));
    Path standard = home.resolve("printer_data/config/printer.cfg");
    if (Files.isRegularFile(standard)) {
      return new ResolvedConfig(standard, false);
    }
    return new ResolvedConfig(BundledConfig.extract(), true);
  }

  /** The host checkout: the option, else ~/kalico, ~/klipper, else this tool's own checkout. */
  Path resolveHostDir() {
    if (hostDir != null) {
      if (!Files.isDirectory(hostDir)) {
        throw new TelemetryException(
            "--host-dir "
                + hostDir
                + " is not a directory; give the"
                + " folder of the host software's checkout, for example ~/kalico");
      }
      return hostDir;
    }
    Path home = Path.of(System.getProperty("user.home"));
    for (String name : new String[] {"kalico", "klipper"}) {
      if (Files.isDirectory(home.resolve(name))) {
        return home.resolve(name);
      }
    }
    String own = System.getProperty(HOME_PROPERTY);
    return own == null ? null : Path.of(own);
  }

  /** This machine's id and owner secret as the collect service knows them, if it has an id. */
  Optional<MachineOwnership> ownership(Path configPath) {
    return MachineOwnership.of(systemRoot != null ? systemRoot : Path.of("/"), configPath);
  }

  Telemetry telemetry(Path configPath) {
    return builder(configPath).build();
  }

  TelemetryBuilder builder(Path configPath) {
    HostFacts.Builder facts =
        HostFacts.builder().configPath(configPath).hostDirectory(resolveHostDir());
    if (systemRoot != null) {
      facts.systemRoot(systemRoot);
    }
    TelemetryBuilder builder =
        Telemetry.builder().hostFacts(facts.build()).pluginsDirectory(plugins);
    disabledPlugins.forEach(builder::disablePlugin);
    if (schemaDir != null) {
      try {
        builder.schemaCatalog(SchemaCatalog.fromDirectory(schemaDir));
      } catch (IllegalArgumentException e) {
        throw new TelemetryException("--schema-dir " + e.getMessage());
      }
    }
    if (schemaMajor != null) {
      try {
        builder.schemaMajor(schemaMajor);
      } catch (TelemetryException e) {
        throw new TelemetryException("--schema-major " + schemaMajor + ": " + e.getMessage());
      }
    }
    return builder;
  }

  /**
   * The options given that shape the report, as arguments again (paths absolute, since the timer
   * runs elsewhere); {@code --config} is not among them.
   */
  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (plugins != null) {
      args.addAll(List.of("--plugins", absolute(plugins)));
    }
    disabledPlugins.forEach(id -> args.addAll(List.of("--disable-plugin", id)));
    if (hostDir != null) {
      args.addAll(List.of("--host-dir", absolute(hostDir)));
    }
    if (schemaMajor != null) {
      args.addAll(List.of("--schema-major", String.valueOf(schemaMajor)));
    }
    if (schemaDir != null) {
      args.addAll(List.of("--schema-dir", absolute(schemaDir)));
    }
    if (systemRoot != null) {
      args.addAll(List.of("--system-root", absolute(systemRoot)));
    }
    return args;
  }

  /** A path as the timer, which runs elsewhere, must be given it. */
  static String absolute(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /**
   * @param path the config file
   * @param bundled whether it is the bundled example rather than the user's config
   */
  record ResolvedConfig(Path path, boolean bundled) {}
}
