package gg.kalico.telemetry.spi.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

  @Test
  void theHmacIsTheJcesForEveryKeyAndMessageLength() throws Exception {
    Random random = new Random(20261208);
    for (int keyLength : new int[] {1, 30, 63, 64, 65, 200}) {
      for (int i = 0; i < 20; i++) {
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        StringBuilder raw = new StringBuilder();
        int length = random.nextInt(300);
        for (int c = 0; c < length; c++) {
          raw.appendCodePoint(
              random.nextInt(3) == 0 ? 0x4e00 + random.nextInt(500) : 32 + random.nextInt(90));
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = mac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(MachineIdHash.hmac(key, raw.toString()))
            .as("key of %d bytes, message of %d characters", keyLength, length)
            .isEqualTo(expected);
      }
    }
  }
}
