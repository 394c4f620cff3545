package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.builtin.machine.MachineOwnership;
import gg.kalico.telemetry.core.transport.https.HttpsTransport;
import gg.kalico.telemetry.core.transport.https.OwnerRequests;
import gg.kalico.telemetry.spi.transport.TransportException;
import java.util.Map;
import java.util.Optional;

/**
 * One request of the machine's owner to the collect service ({@code data}, {@code forget}), and
 * what its answer means: held (200), nothing held (404: unknown machine and wrong proof alike), or
 * a problem to tell, with "try again later" when the service is unreachable or busy.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param body the answer's body
 * @param where the endpoint as it may be shown
 * @param problem what went wrong, for the user, or null
 */
record OwnerAnswer(int status, String body, String where, String problem) {

  /** What a command says for each outcome. */
  interface Outcomes {
    void held(MachineOwnership owner, OwnerAnswer answer);

    void nothing(MachineOwnership owner, OwnerAnswer answer);

    /** The line for a problem (unreachable, busy, an unexpected answer), on stderr. */
    String problem(OwnerAnswer answer);
  }

  /**
   * Asks the collect service at {@code path} as this machine's owner and tells the outcome: a
   * machine without an id never reported, so nothing can be held. Returns the exit code.
   */
  static int exchange(
      CollectingCommand command,
      CollectOptions.ResolvedConfig config,
      ReceiverOptions receiver,
      String path,
      Outcomes outcomes) {
    Optional<MachineOwnership> owner = command.options.ownership(config.path());
    int exit = 0;
    if (owner.isEmpty()) {
      command
          .out()
          .println(
              "this machine has no id, so no report was ever sent from it:"
                  + " nothing is held about it");
    } else {
      OwnerAnswer answer = ask(receiver, path, owner.get());
      if (answer.held()) {
        outcomes.held(owner.get(), answer);
      } else if (answer.nothing()) {
        outcomes.nothing(owner.get(), answer);
      } else {
        command.err().println("error: " + outcomes.problem(answer));
        exit = 1;
      }
    }
    command.out().flush();
    command.err().flush();
    return exit;
  }

  static OwnerAnswer ask(ReceiverOptions receiver, String path, MachineOwnership owner) {
    Map<String, String> options = receiver.forService();
    String where = TerminalText.clean(options.get(HttpsTransport.ENDPOINT));
    try {
      OwnerRequests.Answer a = OwnerRequests.post(options, path, owner.machineId(), owner.secret());
      String problem =
          switch (a.status()) {
            case 200, 404 -> null;
            case 429, 502, 503, 504 ->
                "the collect service at "
                    + where
                    + " is busy (HTTP "
                    + a.status()
                    + "); try again later";
            default ->
                "the collect service at "
                    + where
                    + " answered HTTP "
                    + a.status()
                    + "; is it a kalico-telemetry collect service of this version or later?";
          };
      return new OwnerAnswer(a.status(), a.body(), where, problem);
    } catch (TransportException e) {
      return new OwnerAnswer(
          0,
          "",
          where,
          e.retryable()
              ? "the collect service is unreachable: "
                  + TerminalText.clean(e.getMessage())
                  + "; try again later"
              : TerminalText.clean(e.getMessage()));
    }
  }

  boolean held() {
    return status == 200;
  }

  boolean nothing() {
    return status == 404;
  }
}
