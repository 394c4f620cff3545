package gg.kalico.telemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameworkVersionTest {
  @Test
  void isTheMavenProjectVersion() {
    String pom = System.getProperty("telemetry.project.version");
    assertThat(pom).as("passed by the build from ${project.version}").isNotBlank();
    assertThat(FrameworkVersion.current()).isEqualTo(pom);
  }
}
