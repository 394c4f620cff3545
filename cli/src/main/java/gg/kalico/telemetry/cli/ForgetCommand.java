package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.builtin.machine.MachineOwnership;
import gg.kalico.telemetry.core.Telemetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code forget}: disables telemetry here, as {@code disable} does, then asks the collect service
 * to erase everything it holds about this machine, and says what happened.
 */
@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description =
        "Disable telemetry (as disable does), then ask the collect service to erase"
            + " everything it holds about this machine, proving ownership with a secret only this"
            + " machine can derive. Days already published in the statistics' history are"
            + " aggregates and stay.")
final class ForgetCommand extends ChoiceCommand {
  @Mixin ReceiverOptions receiver = new ReceiverOptions();

  private int exit;

  @Override
  boolean enable() {
    return false;
  }

  @Override
  boolean tellAboutForget() {
    return false;
  }

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    // checked before anything changes
    receiver.forService();
    super.run(telemetry, config);
    exit =
        OwnerAnswer.exchange(
            this,
            config,
            receiver,
            "machine/erase",
            new OwnerAnswer.Outcomes() {
              @Override
              public void held(MachineOwnership owner, OwnerAnswer answer) {
                out()
                    .println(
                        "erased: the collect service at "
                            + answer.where()
                            + " deleted"
                            + " everything it held about this machine ("
                            + owner.machineId()
                            + "); its"
                            + " statistics stop counting it at their next refresh");
              }

              @Override
              public void nothing(MachineOwnership owner, OwnerAnswer answer) {
                out()
                    .println(
                        "nothing held: the collect service at "
                            + answer.where()
                            + " keeps"
                            + " nothing about this machine ("
                            + owner.machineId()
                            + ")");
              }

              @Override
              public String problem(OwnerAnswer answer) {
                return "not erased: "
                    + answer.problem()
                    + " (telemetry is disabled here; run"
                    + " kalico-telemetry forget again)";
              }
            });
  }

  @Override
  int exitCode() {
    return exit;
  }
}
