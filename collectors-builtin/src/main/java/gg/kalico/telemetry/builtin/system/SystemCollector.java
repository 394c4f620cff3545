package gg.kalico.telemetry.builtin.system;

import gg.kalico.telemetry.builtin.BuiltinShape;
import gg.kalico.telemetry.spi.collector.Collector;
import gg.kalico.telemetry.spi.collector.CollectorContext;
import gg.kalico.telemetry.spi.collector.Section;
import gg.kalico.telemetry.spi.files.SmallFiles;
import gg.kalico.telemetry.spi.files.SmallFiles.Links;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code system} section: architecture, allow-listed os-release keys, kernel release and build,
 * runtime and CPU. Each fact that cannot be read is left out.
 */
@Extension(ordinal = 20)
public final class SystemCollector implements Collector {
  private static final int MAX_FILE = 1024 * 1024;

  @Override
  public String section() {
    return "system";
  }

  @Override
  public int order() {
    return 20;
  }

  /** The major-1 shape (see {@link BuiltinShape}), carried to newer majors by migrations. */
  @Override
  public Section collect(CollectorContext context) {
    return BuiltinShape.of(produce(context));
  }

  private Section produce(CollectorContext context) {
    Path root = context.host().systemRoot();
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("name", "java");
    runtime.put("version", System.getProperty("java.version"));
    return Section.builder()
        .put("arch", arch(root))
        .put("os_release", osRelease(root))
        .put("kernel", firstLine(read(root.resolve("proc/sys/kernel/osrelease"))))
        // uname -v: what Python's platform.version() returns, Kalico's platform.version
        .put("kernel_build", firstLine(read(root.resolve("proc/sys/kernel/version"))))
        .put("runtime", runtime)
        .put("cpu", cpu(root))
        .build();
  }

  /** uname -m style: the kernel's own answer when readable, else the JVM's, renamed. */
  static String arch(Path root) {
    String kernel = firstLine(read(root.resolve("proc/sys/kernel/arch")));
    if (kernel != null) {
      return kernel;
    }
    String jvm = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    return switch (jvm) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      case "arm", "arm32" -> "armv7l";
      case "x86", "i386", "i486", "i586", "i686" -> "i686";
      case "" -> null;
      default -> jvm;
    };
  }

  private static Map<String, String> osRelease(Path root) {
    String text = read(root.resolve("etc/os-release"));
    if (text == null) {
      text = read(root.resolve("usr/lib/os-release"));
    }
    if (text == null) {
      return null;
    }
    Map<String, String> kept = OsRelease.parse(text);
    return kept.isEmpty() ? null : kept;
  }

  private static Map<String, Object> cpu(Path root) {
    String text = read(root.resolve("proc/cpuinfo"));
    CpuInfo info = text == null ? new CpuInfo(null, 0) : CpuInfo.parse(text);
    String model = info.model();
    if (model == null) {
      String dt = read(root.resolve("proc/device-tree/model"));
      model = dt == null ? null : firstLine(dt.replace('\0', '\n'));
    }
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("model", model == null ? null : truncate(model));
    cpu.put("cores", info.cores() > 0 ? info.cores() : Runtime.getRuntime().availableProcessors());
    return cpu;
  }

  private static String truncate(String s) {
    return s.length() <= 256 ? s : s.substring(0, 256);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return null;
    }
    String line = text.strip().split("\n", 2)[0].strip();
    return line.isEmpty() ? null : truncate(line);
  }

  private static String read(Path file) {
    try {
      // the system's files: links are followed (os-release is one), FIFOs and devices are not
      return SmallFiles.readText(file, MAX_FILE, Links.FOLLOW);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
