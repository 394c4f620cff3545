package gg.kalico.telemetry.collect;

import static org.assertj.core.api.Assertions.assertThat;

import gg.kalico.telemetry.collect.testing.Http;
import gg.kalico.telemetry.collect.testing.Reports;
import gg.kalico.telemetry.collect.testing.Services;
import gg.kalico.telemetry.core.testing.MutableClock;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dashboard in a real browser: Debian's headless Chromium driven by Selenium. The page loads
 * with no console error and no request leaving loopback, the active-machines chart carries the
 * fleet's numbers, a click on a section opens its options, and screenshots (desktop and phone size)
 * are written under target/ for people to look at.
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir Path tmp;

  private CollectService server;
  private MutableClock clock;
  private ChromeDriver browser;

  @BeforeEach
  void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI must provide Chromium: apt-get install chromium" + " chromium-driver (.ci/run does)");
    }
    if (!present) {
      System.err.println(
          "DashboardBrowserTest skipped: no /usr/bin/chromium and"
              + " /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
    }
    Assumptions.assumeTrue(present, "Chromium and chromedriver from Debian are not installed");
    clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    server =
        CollectService.start(
            Services.settings("sqlite", tmp).k(2).clock(clock).ratePerAddressPerMinute(0).build());
    // day 1: m1, m2, m3 on v1; day 2: m1 upgrades, m4 and m5 arrive on v2; day 3 is today
    send("m1", "stepper_x", "v1");
    send("m2", "stepper_x", "v1");
    send("m3", "stepper_y", "v1");
    server.statistics().refresh();
    clock.advance(Duration.ofDays(1));
    send("m1", "stepper_x", "v2");
    send("m4", "stepper_y", "v2");
    send("m5", "stepper_x", "v2");
    server.statistics().refresh();
    clock.advance(Duration.ofDays(1));
    server.statistics().refresh();

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")),
        "--window-size=1280,2400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  private void send(String machine, String section, String version) throws Exception {
    ObjectNode doc = Reports.canonical(machine);
    ((ObjectNode) doc.get("config")).putArray(section).add("step_pin").add("dir_pin");
    ((ObjectNode) doc.get("software")).put("version", version);
    assertThat(
            Http.postReport(server.collectUri(), Reports.json(doc), UUID.randomUUID().toString())
                .status())
        .isEqualTo(202);
  }

  @SuppressWarnings("unchecked")
  private List<Object> script(String js) {
    return (List<Object>) ((JavascriptExecutor) browser).executeScript(js);
  }

  /** Shows a tooltip on a chart, by the chart's own action and by the mouse. */
  private void hover(String chartId) {
    ((JavascriptExecutor) browser)
        .executeScript(
            "echarts.getInstanceByDom(document"
                + ".getElementById(arguments[0])).dispatchAction({type: 'showTip', seriesIndex: 0,"
                + " dataIndex: 1});",
            chartId);
    WebElement chart = browser.findElement(By.id(chartId));
    new Actions(browser)
        .moveToElement(chart, chart.getSize().width / 4, 0)
        .pause(300)
        .moveToElement(chart)
        .pause(300)
        .perform();
  }

  private void waitForCharts() {
    new WebDriverWait(browser, Duration.ofSeconds(20))
        .until(
            d ->
                "true"
                    .equals(
                        d.findElement(By.tagName("body")).getDomAttribute("data-charts-ready")));
  }

  @Test
  void theDashboardDrawsTheFleetAndOpensASection() throws Exception {
    String origin = "http://127.0.0.1:" + server.port();
    browser.get(origin + "/");
    waitForCharts();

    assertThat(browser.findElement(By.id("active-machines")).getText()).isEqualTo("5");
    assertThat(browser.findElement(By.id("k")).getText()).isEqualTo("2");
    assertThat(
            script(
                "return echarts.getInstanceByDom(document.getElementById("
                    + "'active-chart')).getOption().series[0].data;"))
        .containsExactly(3L, 5L, 5L);
    List<Object> modules =
        script(
            "return echarts.getInstanceByDom(document.getElementById("
                + "'chart-modules')).getOption().yAxis[0].data;");
    // the adoption chart: each version's share of active machines per day, today's top first
    assertThat(
            script(
                "return echarts.getInstanceByDom(document.getElementById("
                    + "'adoption-chart')).getOption().series.map(function (s) { return s.name; });"))
        .containsExactly("v2", "v1", "other");
    assertThat(
            script(
                "return echarts.getInstanceByDom(document.getElementById("
                    + "'adoption-chart')).getOption().series[0].data;"))
        .containsExactly(0L, 60L, 60L);
    assertThat(
            script(
                "return echarts.getInstanceByDom(document.getElementById("
                    + "'adoption-chart')).getOption().series[1].data;"))
        .containsExactly(100L, 40L, 40L);
    hover("adoption-chart");
    hover("chart-version");
    assertThat(modules).contains("stepper_x", "stepper_y");
    screenshot("dashboard.png");

    browser.manage().window().setSize(new Dimension(390, 2400));
    browser.navigate().refresh();
    waitForCharts();
    screenshot("dashboard-phone.png");
    browser.manage().window().setSize(new Dimension(1280, 2400));

    WebElement filter = browser.findElement(By.cssSelector("input[data-table='table-sections']"));
    filter.sendKeys("stepper_x");
    long visible =
        browser.findElements(By.cssSelector("#table-sections tbody tr")).stream()
            .filter(WebElement::isDisplayed)
            .count();
    assertThat(visible).isEqualTo(1);
    browser
        .findElement(By.cssSelector("#table-sections"))
        .findElement(By.linkText("stepper_x"))
        .click();
    waitForCharts();
    assertThat(browser.getCurrentUrl()).isEqualTo(origin + "/sections/stepper_x");
    assertThat(browser.findElement(By.id("table-options")).getText())
        .contains("step_pin 3", "dir_pin 3");
    // the section's trend: m1 and m2 on day 1, m5 too from day 2
    assertThat(
            script(
                "return echarts.getInstanceByDom(document.getElementById("
                    + "'trend-chart')).getOption().series[0].data;"))
        .containsExactly(2L, 3L, 3L);
    hover("trend-chart");
    screenshot("dashboard-section.png");

    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    assertThat(errors).as("console errors").isEmpty();
    List<String> urls = requestedUrls();
    assertThat(urls)
        .as("requests the pages made")
        .isNotEmpty()
        .anyMatch(u -> u.endsWith("/assets/echarts.min.js"))
        .allMatch(u -> u.startsWith(origin + "/"));
  }

  /**
   * Every network URL the browser requested, from Chromium's performance log (its own {@code
   * chrome://} pages and {@code data:} URLs never leave the machine and are not listed).
   */
  private List<String> requestedUrls() {
    List<String> urls = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode message = JsonMapper.shared().readTree(e.getMessage()).path("message");
      if (message.path("method").asString("").equals("Network.requestWillBeSent")) {
        String url = message.at("/params/request/url").asString();
        if (!url.startsWith("chrome://") && !url.startsWith("data:") && !url.startsWith("about:")) {
          urls.add(url);
        }
      }
    }
    return urls;
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
    Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isGreaterThan(10_000);
  }
}
