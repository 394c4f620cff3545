package gg.kalico.telemetry.builtin.machine;

import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.MachineOwner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This machine's id and owner secret as the collect service knows them, from the same raw id the
 * {@code machine} section hashes ({@code /etc/machine-id}, else {@code .machine-id} beside the
 * config). Empty when there is no id yet: nothing was ever sent then.
 *
 * @param machineId the keyed hash the reports carry
 * @param secret the owner secret, which proves the machine's records are this machine's
 */
public record MachineOwnership(String machineId, String secret) {

  /**
   * The ownership, under Kalico's application key, of the machine under {@code systemRoot} with
   * this config, if it has an id.
   */
  public static Optional<MachineOwnership> of(Path systemRoot, Path configPath) {
    return of(systemRoot, configPath, MachineIdHash.KALICO_APPLICATION);
  }

  /** The same, under the key of {@code application} (as the host's machine section has it). */
  public static Optional<MachineOwnership> of(
      Path systemRoot, Path configPath, String application) {
    return new MachineIdSource(systemRoot)
        .existing(configPath)
        .map(
            raw ->
                new MachineOwnership(
                    MachineIdHash.of(application, raw), MachineOwner.secret(application, raw)));
  }

  /** The image sent with each report. */
  public String image() {
    return MachineOwner.image(secret);
  }

  @Override
  public String toString() {
    return "MachineOwnership[" + machineId + "]"; // never the secret
  }
}
