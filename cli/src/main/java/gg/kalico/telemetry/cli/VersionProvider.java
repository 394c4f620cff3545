package gg.kalico.telemetry.cli;

import gg.kalico.telemetry.core.FrameworkVersion;
import picocli.CommandLine.IVersionProvider;

/** The version the build stamped into the framework (the Maven project version). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"kalico-telemetry " + FrameworkVersion.current()};
  }
}
