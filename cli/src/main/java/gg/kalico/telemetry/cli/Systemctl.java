package gg.kalico.telemetry.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs systemctl steps for the user's units, when there is a systemd user manager to ask. */
final class Systemctl {
  private Systemctl() {}

  /** Runs each step in order; false (after saying why) when one could not run or failed. */
  static boolean run(List<List<String>> steps, PrintWriter out) {
    for (List<String> step : steps) {
      try {
        Process p =
            new ProcessBuilder(step)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          out.println("`" + String.join(" ", step) + "` did not finish in 30 s");
          return false;
        }
        if (p.exitValue() != 0) {
          out.println(
              "`"
                  + String.join(" ", step)
                  + "` failed (exit "
                  + p.exitValue()
                  + "); is a systemd user session running? (loginctl enable-linger $USER)");
          return false;
        }
      } catch (IOException e) {
        out.println("systemctl is not available here");
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
