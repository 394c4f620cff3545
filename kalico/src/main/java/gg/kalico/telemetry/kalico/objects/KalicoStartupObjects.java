package gg.kalico.telemetry.kalico.objects;

import gg.kalico.telemetry.spi.collector.ConfigNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The objects Kalico loads at start-up for a configuration, derived the way its start-up loads
 * them, from a table of Kalico's module knowledge ({@code kalico-objects.txt}, stamped with the
 * Kalico commit it describes). The modules that exist are those of the host checkout when there is
 * one, else the stock list of that commit. Only the Kalico adapter supplies this list: it describes
 * Kalico, not any host.
 */
public final class KalicoStartupObjects {
  private static final ObjectTable TABLE = ObjectTable.stock();

  private KalicoStartupObjects() {}

  /** The objects, in load order, for {@code config} and the Kalico checkout if known. */
  public static List<String> derive(ConfigNames config, Optional<Path> kalicoCheckout) {
    Set<String> modules =
        KalicoModules.of(kalicoCheckout.orElse(null)).orElse(TABLE.modules.keySet());
    return ObjectLoader.load(TABLE, modules, config);
  }

  /** The Kalico commit whose loading the table describes. */
  public static String describedKalicoCommit() {
    return TABLE.commit;
  }
}
