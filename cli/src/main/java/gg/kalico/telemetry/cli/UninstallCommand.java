package gg.kalico.telemetry.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code uninstall}: stops the daily timer and removes the units {@code install} wrote. */
@Command(
    name = "uninstall",
    mixinStandardHelpOptions = true,
    description =
        "Stop the daily timer and remove the systemd units `install` wrote (only"
            + " those: a unit it did not write is left alone).")
final class UninstallCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin UnitOptions units;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    Path dir = units.directory();
    if (!units.noSystemctl) {
      Systemctl.run(
          List.of(List.of("systemctl", "--user", "disable", "--now", SystemdUnits.TIMER)), out);
    }
    int removed = 0;
    for (String name : SystemdUnits.NAMES) {
      Path unit = dir.resolve(name);
      if (SystemdUnits.ours(unit)) {
        Files.delete(unit);
        out.println("removed " + unit);
        removed++;
      } else if (Files.exists(unit, LinkOption.NOFOLLOW_LINKS)) {
        out.println("left " + unit + ": it was not written by kalico-telemetry");
      }
    }
    if (removed == 0) {
      out.println("no kalico-telemetry units in " + dir + "; nothing to remove");
    } else if (!units.noSystemctl) {
      Systemctl.run(List.of(List.of("systemctl", "--user", "daemon-reload")), out);
    }
    out.flush();
    return 0;
  }
}
