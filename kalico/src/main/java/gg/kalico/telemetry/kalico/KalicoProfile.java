package gg.kalico.telemetry.kalico;

import gg.kalico.telemetry.core.WireProfile;
import gg.kalico.telemetry.core.document.TelemetryDocument;
import gg.kalico.telemetry.schema.KalicoShape;
import gg.kalico.telemetry.schema.SchemaCatalog;
import gg.kalico.telemetry.spi.TelemetryException;
import java.util.Locale;

/**
 * The {@code kalico} wire profile: the shape Kalico's own client posts today (id, version, branch,
 * cpu_info, platform, config, objects), so that reports can go to Kalico's existing endpoint. The
 * {@code id} stays this project's keyed hash, never the raw machine id.
 *
 * <p>The mapping is {@link KalicoShape}, the same one the collect service reads such reports back
 * with: where each field comes from is data, per major ({@code schema/profiles/kalico-wire.json}).
 * A field whose pointer the document's major does not define is left out and reported, never filled
 * with a guess; a field the major defines but this document does not have (an unknown CPU model,
 * say) gets Kalico's own placeholder.
 */
public final class KalicoProfile implements WireProfile {
  /** The profile. */
  public static final KalicoProfile INSTANCE = new KalicoProfile();

  private KalicoProfile() {}

  /**
   * The profile named {@code canonical} or {@code kalico}.
   *
   * @throws gg.kalico.telemetry.spi.TelemetryException naming the profiles there are
   */
  public static WireProfile named(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.equals("canonical")) {
      return WireProfile.CANONICAL;
    }
    if (n.equals("kalico")) {
      return INSTANCE;
    }
    throw new TelemetryException("profile '" + name + "' is unknown; use canonical or kalico");
  }

  @Override
  public String label() {
    return "kalico";
  }

  @Override
  public String toString() {
    return label();
  }

  @Override
  public Shaped shape(TelemetryDocument document, SchemaCatalog catalog) {
    KalicoShape.Shaped shaped = KalicoShape.of(catalog).toKalico(document.tree());
    return new Shaped(
        shaped.tree(),
        shaped.unmapped().stream().map(u -> new Unmapped(u.field(), u.why())).toList());
  }
}
