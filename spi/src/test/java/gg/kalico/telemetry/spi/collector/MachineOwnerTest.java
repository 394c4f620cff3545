package gg.kalico.telemetry.spi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineOwnerTest {
  private static final String RAW = "0123456789abcdef0123456789abcdef";

  @Test
  void theSecretIsHmacSha256WithTheOwnerKeyAndTheImageItsSha256() {
    // python3: s = hmac.new(b'kalico-telemetry/machine-owner/v1', RAW, 'sha256').hexdigest()
    String secret = MachineOwner.secret(RAW);
    assertThat(secret)
        .isEqualTo("dd99de9f5467652d14457c68601c431d19b9a8369d9a69f8cfe47b011488bd41");
    // python3: hashlib.sha256(s.encode()).hexdigest()
    assertThat(MachineOwner.image(secret))
        .isEqualTo("0188fd838e21540c4f9419765c8e0234a57c6457bd6017152826c2a1cc57983e");
  }

  @Test
  void theSecretIsNotTheMachineIdNorDerivedFromIt() {
    String secret = MachineOwner.secret(RAW);
    String id = MachineIdHash.of(RAW);
    assertThat(secret).doesNotContain(id);
    assertThat(MachineOwner.secret(id)).isNotEqualTo(secret);
    assertThat(MachineOwner.image(id)).isNotEqualTo(MachineOwner.image(secret));
  }

  @Test
  void onlySixtyFourLowercaseHexDigitsAreWellFormed() {
    assertThat(MachineOwner.wellFormed(MachineOwner.secret(RAW))).isTrue();
    assertThat(MachineOwner.wellFormed("ABCD".repeat(16))).isFalse();
    assertThat(MachineOwner.wellFormed("ab".repeat(31))).isFalse();
    assertThat(MachineOwner.wellFormed(null)).isFalse();
  }
}
