package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.builtin.machine.MachineOwnership;
import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.spi.TelemetryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code data}: what the collect service holds about this machine. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description =
        "Ask the collect service what it holds about this machine: first and last"
            + " seen, the current document, the stored reports by day with their digests. Proves"
            + " ownership with a secret only this machine can derive; sends nothing else.")
final class DataCommand extends CollectingCommand {
  @Mixin ReceiverOptions receiver = new ReceiverOptions();

  @Option(names = "--json", description = "print the service's answer as JSON")
  boolean json;

  private int exit;

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    exit =
        OwnerAnswer.exchange(
            this,
            config,
            receiver,
            "machine",
            new OwnerAnswer.Outcomes() {
              @Override
              public void held(MachineOwnership owner, OwnerAnswer answer) {
                print(answer.body());
              }

              @Override
              public void nothing(MachineOwnership owner, OwnerAnswer answer) {
                out()
                    .println(
                        json
                            ? "{\"held\":false}"
                            : "nothing is held about this machine ("
                                + owner.machineId()
                                + ") at "
                                + answer.where());
              }

              @Override
              public String problem(OwnerAnswer answer) {
                return answer.problem();
              }
            });
  }

  @Override
  int exitCode() {
    return exit;
  }

  private void print(String body) {
    JsonNode held;
    try {
      held = JsonMapper.shared().readTree(body);
    } catch (JacksonException e) {
      throw new TelemetryException("the collect service answered something that is not JSON");
    }
    if (json) {
      out().println(held.toPrettyString());
      return;
    }
    out()
        .println(
            "the collect service holds about this machine ("
                + TerminalText.clean(held.path("machine_id").asString(""))
                + "):");
    out().println("  first seen    " + TerminalText.clean(held.path("first_seen").asString("")));
    out().println("  last seen     " + TerminalText.clean(held.path("last_seen").asString("")));
    out().println("  last changed  " + TerminalText.clean(held.path("last_changed").asString("")));
    out().println("  stored reports (the latest of each UTC day):");
    for (JsonNode r : held.path("reports")) {
      out()
          .println(
              "    "
                  + TerminalText.clean(r.path("day").asString(""))
                  + "  received "
                  + TerminalText.clean(r.path("received_at").asString(""))
                  + "  "
                  + TerminalText.clean(r.path("source").asString(""))
                  + "  sha256 "
                  + TerminalText.clean(r.path("document_sha256").asString("")));
    }
    out().println("  current document:");
    out().println(TerminalText.cleanLines(held.path("document").toPrettyString()));
  }
}
