package gg.kalico.telemetry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Unique strings planted in config values, git remote credentials, os-release keys outside the
 * allow-list and the raw machine id appear in no output of the real CLI process: not in the
 * document, the example file, or anything it logs.
 */
class CanaryTest {
  private static final String VALUE = "CANARYvalue7f3a";
  private static final String SECRET = "CANARYsecret91bd";
  private static final String TOKEN = "CANARYtoken0c55";
  private static final String OS_KEY = "CANARYoskey4e21";
  private static final String RAW_ID = "c0ffee00c0ffee00c0ffee00c0ffee01";

  @TempDir Path tmp;

  private Path home;
  private Path config;
  private Path hostDir;
  private Path root;

  @BeforeEach
  void plant() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    Path cfgDir = Files.createDirectories(tmp.resolve("printer_data/config"));
    Files.createDirectories(cfgDir.resolve("macros"));
    Files.writeString(
        cfgDir.resolve("macros/wifi.cfg"),
        """
        [gcode_macro WIFI]
        variable_ssid: %1$s-ssid
        variable_password: %2$s
        gcode:
            M117 %1$s-gcode
        """
            .formatted(VALUE, SECRET));
    config = cfgDir.resolve("printer.cfg");
    Files.writeString(
        config,
        """
        [include macros/*.cfg]
        [mcu]
        serial: /dev/serial/by-id/%1$s-serial
        [printer]
        kinematics: corexy ; %1$s-comment
        max_velocity: 300
        [constants]
        token: %2$s
        [webhook_relay]
        url: https://user:%2$s@example.net/hook?k=%1$s
        key: ${constants.token}

        #*# <---------------------- SAVE_CONFIG ---------------------->
        #*# DO NOT EDIT THIS BLOCK OR BELOW. The contents are auto-generated.
        #*#
        #*# [extruder]
        #*# pid_kp = %1$s
        """
            .formatted(VALUE, SECRET));

    root = Files.createDirectories(tmp.resolve("root"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/machine-id"), RAW_ID + "\n");
    Files.writeString(
        root.resolve("etc/os-release"),
        """
        NAME="Debian GNU/Linux"
        ID=debian
        %1$s="%1$s"
        HOME_URL="https://%1$s.example/"
        """
            .formatted(OS_KEY));

    hostDir = Files.createDirectories(tmp.resolve("kalico"));
    assumeTrue(run(hostDir, "init", "-q"), "git is not installed");
    Files.writeString(hostDir.resolve("README"), "x");
    run(hostDir, "add", "README");
    run(hostDir, "commit", "-q", "-m", "init");
    run(
        hostDir,
        "remote",
        "add",
        "origin",
        "https://" + TOKEN + "@github.com/KalicoCrew/kalico.git?private_token=" + SECRET);
  }

  private static boolean run(Path repo, String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "git",
                "-C",
                repo.toString(),
                "-c",
                "user.email=t@example.net",
                "-c",
                "user.name=t"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private void assertNoCanary(String where, String text) {
    for (String canary : List.of(VALUE, SECRET, TOKEN, OS_KEY, RAW_ID, "CANARY")) {
      assertThat(text).as("%s must not contain %s", where, canary).doesNotContain(canary);
    }
  }

  @Test
  void noCanaryReachesAnyOutputOfShowOrExample() throws Exception {
    String[] common = {
      "--config",
      config.toString(),
      "--host-dir",
      hostDir.toString(),
      "--system-root",
      root.toString()
    };
    CliRun show = CliRun.process(home, Map.of("DO_NOT_TRACK", ""), concat("show", common));
    assertThat(show.exit()).as(show.err()).isZero();

    JsonNode doc = JsonMapper.shared().readTree(show.out());
    // the names and the reduced facts are there: the canaries are gone, not the data
    assertThat(doc.get("config").get("webhook_relay").toString()).contains("url", "key");
    assertThat(doc.get("config").get("extruder").toString()).contains("pid_kp");
    assertThat(doc.get("software").get("remote").asString())
        .isEqualTo("github.com/KalicoCrew/kalico");
    assertThat(doc.get("system").get("os_release").propertyNames()).containsExactly("NAME", "ID");
    assertThat(doc.get("machine").get("id_source").asString()).isEqualTo("machine-id");
    assertNoCanary("show stdout", show.out());
    assertNoCanary("show stderr", show.err());

    CliRun example = CliRun.process(home, Map.of(), concat("example", common));
    assertThat(example.exit()).as(example.err()).isZero();
    Path written = config.resolveSibling("telemetry.json");
    assertThat(example.out()).contains("wrote " + written);
    String file = Files.readString(written);
    assertThat(file).isEqualTo(show.out());
    assertNoCanary("telemetry.json", file);
    assertNoCanary("example stderr", example.err());
  }

  @Test
  void errorMessagesNameTheLineButNeverTheValue() throws Exception {
    Files.writeString(config, "[printer]\nkinematics: corexy\n" + SECRET + " without delimiter\n");
    CliRun show =
        CliRun.process(
            home,
            Map.of(),
            "show",
            "--config",
            config.toString(),
            "--system-root",
            root.toString());
    assertThat(show.exit()).isEqualTo(2);
    assertThat(show.err()).startsWith("error: printer.cfg line 3: ");
    assertNoCanary("error", show.err());
  }

  private static String[] concat(String first, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
