package gg.kalico.telemetry.spi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineIdHashTest {
  @Test
  void isTheFirst32HexDigitsOfHmacSha256WithTheApplicationKey() {
    // python3: hmac.new(b'kalico-telemetry/machine-id/v1', b'0123...cdef',
    // 'sha256').hexdigest()[:32]
    assertThat(MachineIdHash.of("0123456789abcdef0123456789abcdef"))
        .isEqualTo("293fd269ccadd5d242ae52a30fa8e346");
  }

  @Test
  void differentIdsGiveDifferentHashes() {
    assertThat(MachineIdHash.of("kalico-1")).hasSize(32).isNotEqualTo(MachineIdHash.of("kalico-2"));
  }
}
