package gg.kalico.telemetry.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code install}: the systemd user timer that runs {@code send} daily, for the current user.
 * It sends nothing by itself: {@code send} still needs the user's consent.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
    description = "Install the systemd user timer that runs `send` daily (randomized by up to an"
        + " hour; caught up after the machine was off). Reports still go out only if telemetry"
        + " is enabled.")
final class InstallCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  CollectOptions options;

  @Mixin
  UnitOptions units;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Path config = options.resolveConfig().path();
    Path dir = units.directory();
    List<Path> written = SystemdUnits.write(dir,
        SystemdUnits.render(SystemdUnits.launcher(), config));
    written.forEach(p -> out.println("wrote " + p));
    List<List<String>> steps = List.of(
        List.of("systemctl", "--user", "daemon-reload"),
        List.of("systemctl", "--user", "enable", "--now", SystemdUnits.TIMER));
    if (units.noSystemctl || !Systemctl.run(steps, out)) {
      out.println("to start the daily timer, run:");
      steps.forEach(s -> out.println("  " + String.join(" ", s)));
    }
    out.println("The timer runs `send` once a day for " + config + "; a report goes out only"
        + " while telemetry is enabled there. Stop it with `kalico-telemetry uninstall` (or"
        + " `kalico-telemetry disable` to opt out altogether).");
    out.flush();
    return 0;
  }
}
