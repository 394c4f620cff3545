package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.TelemetryBuilder;
import gg.kalico.telemetry.spi.TelemetryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code install}: the systemd user timer that runs {@code send} daily, for the current user, with
 * the options given here (the ones that shape the report or its destination). It sends nothing by
 * itself: {@code send} still needs the user's consent.
 */
@Command(
    name = "install",
    mixinStandardHelpOptions = true,
    description =
        "Install the systemd user timer that runs `send` daily (randomized by up to an"
            + " hour; caught up after the machine was off), with the options given here. Reports"
            + " still go out only if telemetry is enabled.")
final class InstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CollectOptions options;

  @Mixin DeliveryOptions delivery = new DeliveryOptions();

  @Mixin UnitOptions units;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Path config = options.resolveConfig().path();
    check(config);
    List<String> arguments = new ArrayList<>(options.asArguments());
    arguments.addAll(delivery.asArguments());
    Map<String, String> rendered = SystemdUnits.render(SystemdUnits.launcher(), config, arguments);
    Path dir = units.directory();
    List<Path> written = SystemdUnits.write(dir, rendered);
    written.forEach(p -> out.println("wrote " + p));
    SystemdUnits.installedCommand(dir).ifPresent(c -> out.println("the timer runs: " + c));
    List<List<String>> steps =
        List.of(
            List.of("systemctl", "--user", "daemon-reload"),
            List.of("systemctl", "--user", "enable", "--now", SystemdUnits.TIMER));
    if (units.noSystemctl || !Systemctl.run(steps, out)) {
      out.println("to start the daily timer, run:");
      steps.forEach(s -> out.println("  " + String.join(" ", s)));
    }
    out.println(
        "The timer runs `send` once a day for "
            + config
            + "; a report goes out only"
            + " while telemetry is enabled there. Stop it with `kalico-telemetry uninstall` (or"
            + " `kalico-telemetry disable` to opt out altogether).");
    out.flush();
    return 0;
  }

  /**
   * Refuses, before anything is written, what `send` would refuse every day: a missing plugins
   * folder or host checkout, an unpublished schema major, a bad endpoint, CA file, interval or
   * profile, a transport that is not installed.
   */
  private void check(Path config) {
    Map<String, String> opts = delivery.transportOptions();
    TelemetryBuilder builder = delivery.configure(options.builder(config), opts);
    try (Telemetry telemetry = builder.build()) {
      if (telemetry.extensions().transport(delivery.transport).isEmpty()) {
        throw new TelemetryException(
            "--transport "
                + delivery.transport
                + ": no transport of"
                + " that name is installed; installed: "
                + String.join(", ", telemetry.extensions().transportNames()));
      }
    }
  }
}
