package gg.kalico.telemetry.testkit;

import gg.kalico.telemetry.core.assembly.Collected;
import gg.kalico.telemetry.core.internal.assembly.Contribution;
import gg.kalico.telemetry.core.internal.assembly.DefaultCollectorContext;
import gg.kalico.telemetry.core.internal.assembly.DocumentAssembler;
import gg.kalico.telemetry.core.internal.discovery.PluginAdmission;
import gg.kalico.telemetry.kalico.config.KalicoConfigReader;
import gg.kalico.telemetry.schema.TelemetrySchema;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.ConfigNames;
import gg.kalico.telemetry.spi.collector.HostFacts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Runs one plugin collector as the host would: its section schema must pass the host's plugin
 * rules, the section must come within 500 ms and 16 KiB and validate against that schema and the
 * published one. Then every value of the config is replaced by a unique canary and the collector
 * runs again: the section must not change, and no canary may appear in it.
 *
 * <pre>{@code
 * JsonNode section = PluginTestKit.of(new MyCollector())
 *     .config("[printer]\nkinematics: corexy\n[gcode_macro START]\ngcode: G28\n")
 *     .collect();
 * }</pre>
 *
 * <p>Failures are {@link AssertionError}s that say what to fix.
 */
public final class PluginTestKit {
  private static final String PLUGIN_ID = "plugin-under-test";
  private static final Pattern OPTION =
      Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_ ]*?)([ \\t]*[:=][ \\t]*)(\\S.*)$");

  private final Collector collector;
  private String printerCfg = "[printer]\nkinematics: none\n";
  private final Map<String, String> configFiles = new LinkedHashMap<>();
  private final Map<String, String> systemFiles = new LinkedHashMap<>();

  private PluginTestKit(Collector collector) {
    this.collector = collector;
  }

  /** A kit for this collector, with a minimal config. */
  public static PluginTestKit of(Collector collector) {
    return new PluginTestKit(collector);
  }

  /** The text of printer.cfg. */
  public PluginTestKit config(String text) {
    this.printerCfg = text;
    return this;
  }

  /** Another config file beside printer.cfg (for includes), by relative path. */
  public PluginTestKit configFile(String relativePath, String text) {
    configFiles.put(relativePath, text);
    return this;
  }

  /** A file of the machine, by path under / (for example {@code proc/device-tree/model}). */
  public PluginTestKit systemFile(String relativePath, String text) {
    systemFiles.put(relativePath, text);
    return this;
  }

  /** Runs every check and returns the section. */
  public JsonNode collect() {
    // the host's own admission rules, not a copy of them
    PluginAdmission.Verdict verdict =
        PluginAdmission.pluginCollector(
            collector, PLUGIN_ID, 1, TelemetrySchema.publishedSectionKeys());
    if (!verdict.admitted()) {
      throw new AssertionError("the host would not start this plugin: " + verdict.refusal());
    }
    TelemetrySchema own = verdict.schema();
    JsonNode first = run(false, own);
    JsonNode canaried = run(true, own);
    if (!canaried.equals(first)) {
      throw new AssertionError(
          "the section changed when only config values changed: a"
              + " collector reports names, never values.\nbefore: "
              + first
              + "\nafter:  "
              + canaried);
    }
    if (canaried.toString().contains("CANARY")) {
      throw new AssertionError("a config value reached the section: " + canaried);
    }
    return first;
  }

  private JsonNode run(boolean canaries, TelemetrySchema own) {
    try {
      Path dir = Files.createTempDirectory("plugin-testkit-");
      Path cfg = dir.resolve("config/printer.cfg");
      Files.createDirectories(cfg.getParent());
      Files.writeString(cfg, canaries ? withCanaries(printerCfg) : printerCfg);
      for (Map.Entry<String, String> f : configFiles.entrySet()) {
        Path p = cfg.resolveSibling(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, canaries ? withCanaries(f.getValue()) : f.getValue());
      }
      Path root = Files.createDirectories(dir.resolve("root"));
      for (Map.Entry<String, String> f : systemFiles.entrySet()) {
        Path p = root.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
      ConfigNames names = new KalicoConfigReader().read(cfg).names();
      HostFacts facts = HostFacts.builder().configPath(cfg).systemRoot(root).build();
      TelemetrySchema published = TelemetrySchema.current();
      CollectorContext context =
          new DefaultCollectorContext(names, facts, Clock.systemUTC(), false, published.major());
      Collected c =
          new DocumentAssembler(published, published.sectionKeys(), Contribution.PLUGIN_BUDGET)
              .assembleAll(
                  List.of(
                      new Contribution(
                          collector,
                          PLUGIN_ID,
                          Contribution.PLUGIN_BUDGET,
                          own,
                          Contribution.EXTENSION_MAX_BYTES)),
                  context);
      if (!c.failures().isEmpty()) {
        throw new AssertionError("the host would leave the section out: " + c.failures());
      }
      JsonNode extensions = c.document().get("extensions");
      if (extensions == null || !extensions.has(PLUGIN_ID)) {
        throw new AssertionError("the collector returned no section (null)");
      }
      return extensions.get(PLUGIN_ID);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every value replaced by a unique CANARY string; names and structure kept. */
  static String withCanaries(String text) {
    Matcher m = OPTION.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String canary = "CANARY" + UUID.randomUUID().toString().replace("-", "");
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + canary));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
