package gg.kalico.telemetry.builtin.machine;

import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.HostSetupMissing;
import gg.kalico.telemetry.spi.collector.MachineIdHash;
import gg.kalico.telemetry.spi.collector.Section;
import org.pf4j.Extension;

/**
 * The {@code machine} section: a keyed hash of the machine id, so the same machine is counted once
 * while the raw id (which other software uses as a stable identifier) never leaves it. The key is
 * the host application's ({@link MachineIdHash#of(String, String)}); a host that names no
 * application gets no machine section, and a message saying how to name it.
 */
@Extension(ordinal = 10)
public final class MachineCollector implements Collector {
  @Override
  public String section() {
    return "machine";
  }

  @Override
  public int order() {
    return 10;
  }

  /** The major-1 shape (see {@link BuiltinShape}), carried to newer majors by migrations. */
  @Override
  public Section collect(CollectorContext context) {
    return BuiltinShape.of(produce(context));
  }

  private Section produce(CollectorContext context) {
    String application =
        context
            .host()
            .application()
            .orElseThrow(
                () ->
                    new HostSetupMissing(
                        "the host names no application, which"
                            + " keys the machine id so that two products on one computer report different ids;"
                            + " set it with HostFacts.builder().application(\"your-product\")"));
    MachineIdSource.MachineId id =
        new MachineIdSource(context.host().systemRoot())
            .find(context.host().configPath().orElse(null), context.mayWrite());
    return Section.builder()
        .put("id", MachineIdHash.of(application, id.raw()))
        .put("id_source", id.source())
        .build();
  }
}
