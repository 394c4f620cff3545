package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.Telemetry;
import gg.kalico.telemetry.core.WireProfile;
import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.kalico.KalicoProfile;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code show}: prints the document on stdout. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Print the telemetry document (pretty JSON) that would be sent. Sends nothing.")
final class ShowCommand extends CollectingCommand {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = "canonical",
      description =
          "canonical (the schema's document) or kalico (the shape Kalico's own client"
              + " posts) (default: ${DEFAULT-VALUE})")
  String profile;

  @Override
  void run(Telemetry telemetry, CollectOptions.ResolvedConfig config) {
    WireProfile wire = KalicoProfile.named(profile);
    Collected collection = telemetry.collect();
    WireProfile.Shaped shaped = telemetry.shape(collection.document(), wire);
    out().print(new String(shaped.bytes(), StandardCharsets.UTF_8));
    out().flush();
    report(telemetry, config, collection, wire == WireProfile.CANONICAL);
    shaped
        .unmapped()
        .forEach(
            u ->
                err()
                    .println(
                        "warning: left out of the "
                            + wire.label()
                            + " profile: "
                            + u.field()
                            + ": "
                            + u.why()));
    err().flush();
  }
}
