package gg.kalico.telemetry.spi.collector;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about the host that collectors may use. Every fact is optional: a host states what it
 * knows, and the core fills in what it can derive (for example the enabled objects of a CLI run).
 *
 * <p>Build with {@link #builder()}; null arguments to the builder are ignored.
 */
public final class HostFacts {
  private final Path configPath;
  private final Path hostDirectory;
  private final Path systemRoot;
  private final String softwareVersion;
  private final String softwareBranch;
  private final String softwareRemote;
  private final List<String> enabledObjects;
  private final String application;

  private HostFacts(Builder b) {
    this.application = b.application;
    this.configPath = b.configPath;
    this.hostDirectory = b.hostDirectory;
    this.systemRoot = b.systemRoot;
    this.softwareVersion = b.softwareVersion;
    this.softwareBranch = b.softwareBranch;
    this.softwareRemote = b.softwareRemote;
    this.enabledObjects = b.enabledObjects;
  }

  /** A builder with no facts set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from these facts. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.configPath = configPath;
    b.hostDirectory = hostDirectory;
    b.systemRoot = systemRoot;
    b.softwareVersion = softwareVersion;
    b.softwareBranch = softwareBranch;
    b.softwareRemote = softwareRemote;
    b.enabledObjects = enabledObjects;
    b.application = application;
    return b;
  }

  /**
   * The name of the host application that embeds the framework (for example {@code
   * kalico-telemetry}, or {@code my-printer-host}). The machine id is keyed by it, so that two
   * products on one computer report different ids and cannot be linked, as systemd's {@code
   * machine-id(5)} asks of applications (see {@link MachineIdHash#of(String, String)}).
   */
  public Optional<String> application() {
    return Optional.ofNullable(application);
  }

  /** The host's main configuration file (for Kalico, {@code printer.cfg}). */
  public Optional<Path> configPath() {
    return Optional.ofNullable(configPath);
  }

  /** The host software's checkout or install directory (for Kalico, {@code ~/kalico}). */
  public Optional<Path> hostDirectory() {
    return Optional.ofNullable(hostDirectory);
  }

  /**
   * Where the machine's own files ({@code /etc}, {@code /proc}) are visible; {@code /} unless the
   * host runs in a container that mounts them elsewhere.
   */
  public Path systemRoot() {
    return systemRoot == null ? Path.of("/") : systemRoot;
  }

  /** The host software's version, as the host itself knows it. */
  public Optional<String> softwareVersion() {
    return Optional.ofNullable(softwareVersion);
  }

  /** The host software's branch, as the host itself knows it. */
  public Optional<String> softwareBranch() {
    return Optional.ofNullable(softwareBranch);
  }

  /** The URL of the host software's remote, as the host knows it; collectors reduce it. */
  public Optional<String> softwareRemote() {
    return Optional.ofNullable(softwareRemote);
  }

  /** Names of the objects (modules) the running host has loaded, in load order. */
  public Optional<List<String>> enabledObjects() {
    return Optional.ofNullable(enabledObjects);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostFacts h
        && Objects.equals(configPath, h.configPath)
        && Objects.equals(hostDirectory, h.hostDirectory)
        && Objects.equals(systemRoot, h.systemRoot)
        && Objects.equals(softwareVersion, h.softwareVersion)
        && Objects.equals(softwareBranch, h.softwareBranch)
        && Objects.equals(softwareRemote, h.softwareRemote)
        && Objects.equals(enabledObjects, h.enabledObjects)
        && Objects.equals(application, h.application);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        configPath,
        hostDirectory,
        systemRoot,
        softwareVersion,
        softwareBranch,
        softwareRemote,
        enabledObjects,
        application);
  }

  /** Names which facts are present, never their content (a remote URL may hold a credential). */
  @Override
  public String toString() {
    return "HostFacts[config="
        + (configPath != null)
        + ", hostDirectory="
        + (hostDirectory != null)
        + ", software="
        + (softwareVersion != null)
        + ", objects="
        + (enabledObjects != null)
        + ", application="
        + application
        + "]";
  }

  /** Mutable builder of {@link HostFacts}. Not thread-safe. */
  public static final class Builder {
    private Path configPath;
    private Path hostDirectory;
    private Path systemRoot;
    private String softwareVersion;
    private String softwareBranch;
    private String softwareRemote;
    private List<String> enabledObjects;
    private String application;

    private Builder() {}

    /**
     * Sets the host application's name, which keys the machine id: 1 to 64 of a-z, 0-9, '.', '_'
     * and '-', starting with a letter or digit.
     *
     * @throws IllegalArgumentException when the name breaks that rule
     */
    public Builder application(String value) {
      if (value != null && !MachineIdHash.APPLICATION.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "application name '"
                + value
                + "' must be 1 to 64"
                + " of a-z, 0-9, '.', '_' and '-', starting with a letter or digit, for example"
                + " my-printer-host");
      }
      this.application = value;
      return this;
    }

    /** Sets the main configuration file. */
    public Builder configPath(Path value) {
      this.configPath = value;
      return this;
    }

    /** Sets the host software's directory. */
    public Builder hostDirectory(Path value) {
      this.hostDirectory = value;
      return this;
    }

    /** Sets where the machine's {@code /etc} and {@code /proc} are visible. */
    public Builder systemRoot(Path value) {
      this.systemRoot = value;
      return this;
    }

    /** Sets the software version the host knows. */
    public Builder softwareVersion(String value) {
      this.softwareVersion = value;
      return this;
    }

    /** Sets the software branch the host knows. */
    public Builder softwareBranch(String value) {
      this.softwareBranch = value;
      return this;
    }

    /** Sets the software remote URL the host knows. */
    public Builder softwareRemote(String value) {
      this.softwareRemote = value;
      return this;
    }

    /** Sets the loaded objects, in load order. */
    public Builder enabledObjects(List<String> value) {
      this.enabledObjects = value == null ? null : List.copyOf(value);
      return this;
    }

    /** Builds the immutable facts. */
    public HostFacts build() {
      return new HostFacts(this);
    }
  }
}
