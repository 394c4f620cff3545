package gg.kalico.telemetry.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Inject;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Which class-path extensions are made without Guice: exactly those Guice would only construct. */
class PlainExtensionsTest {
  public static class Plain {}

  public static class InjectedField {
    @Inject Clock clock;
  }

  public static class InjectedConstructor {
    @Inject
    public InjectedConstructor() {}
  }

  public static class InjectedSetter {
    @jakarta.inject.Inject
    void clock(Clock c) {}
  }

  public static class InheritsInjection extends InjectedField {}

  public static class NoPlainConstructor {
    public NoPlainConstructor(Clock clock) {}
  }

  static class NotPublic {}

  public abstract static class Abstract {}

  @Test
  void onlyAPublicNoArgumentClassWithoutInjectionIsPlain() {
    assertThat(PlainExtensions.constructible(Plain.class)).isTrue();
    assertThat(PlainExtensions.constructible(InjectedField.class)).isFalse();
    assertThat(PlainExtensions.constructible(InjectedConstructor.class)).isFalse();
    assertThat(PlainExtensions.constructible(InjectedSetter.class)).isFalse();
    assertThat(PlainExtensions.constructible(InheritsInjection.class)).isFalse();
    assertThat(PlainExtensions.constructible(NoPlainConstructor.class)).isFalse();
    assertThat(PlainExtensions.constructible(NotPublic.class)).isFalse();
    assertThat(PlainExtensions.constructible(Abstract.class)).isFalse();
  }
}
