package gg.kalico.telemetry.core.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real PF4J plugin jar during a test: compiles Java sources against the test class path
 * (PF4J's annotation processor writes the extension index), then packs the classes with a {@code
 * plugin.properties} descriptor.
 */
public final class PluginJarBuilder {
  private final String id;
  private String version = "1.0.0";
  private String requires;
  private String descriptor;
  private final Map<String, String> sources = new LinkedHashMap<>();

  private PluginJarBuilder(String id) {
    this.id = id;
  }

  public static PluginJarBuilder plugin(String id) {
    return new PluginJarBuilder(id);
  }

  public PluginJarBuilder version(String value) {
    this.version = value;
    return this;
  }

  public PluginJarBuilder requires(String value) {
    this.requires = value;
    return this;
  }

  /** Replaces the generated plugin.properties with this text (to build broken descriptors). */
  public PluginJarBuilder descriptor(String properties) {
    this.descriptor = properties;
    return this;
  }

  /** Adds a source file by its fully qualified class name. */
  public PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** Compiles and writes {@code <id>-<version>.jar} into {@code pluginsDir}. */
  public Path buildInto(Path pluginsDir) throws IOException {
    Path work = Files.createTempDirectory(pluginsDir.getParent(), "plugin-src-");
    Path src = work.resolve("src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      files.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                System.getProperty("java.class.path"),
                "-proc:full",
                "-Xlint:none",
                "--release",
                "17"));
    args.addAll(files);
    var err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, null, err, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException(
          "plugin did not compile:\n" + err.toString(StandardCharsets.UTF_8));
    }
    StringBuilder props =
        new StringBuilder()
            .append("plugin.id=")
            .append(id)
            .append('\n')
            .append("plugin.version=")
            .append(version)
            .append('\n')
            .append("plugin.provider=tests\n");
    if (requires != null) {
      props.append("plugin.requires=").append(requires).append('\n');
    }
    Files.createDirectories(pluginsDir);
    Path jar = pluginsDir.resolve(id + "-" + version + "-" + Math.abs(sources.hashCode()) + ".jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jos = new JarOutputStream(out)) {
      jos.putNextEntry(new JarEntry("plugin.properties"));
      jos.write(
          (descriptor != null ? descriptor : props.toString()).getBytes(StandardCharsets.UTF_8));
      jos.closeEntry();
      try (Stream<Path> walk = Files.walk(classes)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          jos.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
          jos.write(Files.readAllBytes(p));
          jos.closeEntry();
        }
      }
    }
    return jar;
  }
}
