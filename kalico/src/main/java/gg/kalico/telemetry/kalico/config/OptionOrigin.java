package gg.kalico.telemetry.kalico.config;

/**
 * Where an option was last set: the file as shown to the user, the line, and whether the line lies
 * in the SAVE_CONFIG block.
 */
public record OptionOrigin(String file, int line, boolean saveConfigBlock) {

  /** "printer.cfg line 12" or "printer.cfg line 40, in the SAVE_CONFIG block". */
  @Override
  public String toString() {
    return file + " line " + line + (saveConfigBlock ? ", in the SAVE_CONFIG block" : "");
  }
}
