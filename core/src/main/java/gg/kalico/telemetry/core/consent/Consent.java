package gg.kalico.telemetry.core.consent;

/**
 * The user's decision about sending telemetry, and where it came from.
 *
 * @param state the decision
 * @param source where it came from, fit to show the user: an environment variable, a file and line,
 *     or "not set"
 */
public record Consent(State state, String source) {

  /** The three states: nothing leaves the machine unless {@link #ENABLED}. */
  public enum State {
    /** The user never decided. Nothing is sent; the first-run notice applies. */
    UNSET,
    /** The user opted in. */
    ENABLED,
    /** The user opted out, in the config or through the environment. */
    DISABLED
  }

  /** Whether documents may leave the machine. */
  public boolean allowsSending() {
    return state == State.ENABLED;
  }
}
