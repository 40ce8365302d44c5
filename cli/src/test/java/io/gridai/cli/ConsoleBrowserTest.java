package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridai.model.Proposal;
import io.gridai.model.ProposedAction;
import io.gridai.model.RiskLevel;
import io.gridai.model.id.AgentId;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.ProposalId;
import io.gridai.model.topic.Topics;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.sim.series.RtsGmlcSystem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import picocli.CommandLine;

/**
 * The operator console in headless Chromium (Debian's {@code chromium} and {@code chromedriver}, driven with Selenium
 * WebDriver) on the running embedded platform, as `gridai up` starts it with the Flink jobs and the twin (ingestion,
 * the optimiser and the storage manager are left out: the console reads none of them directly, and each costs CPU):
 * an operator signs in with a token from `gridai token` given in the address, sees the chart update from the zone-load
 * stream and the network drawn, approves a pending proposal published on {@code grid.proposals}; a high-risk proposal
 * needs a second person (four eyes): the same operator's second approval is refused and the refusal shown, a supervisor
 * signing in through the sign-in box approves it. Screenshots go to {@code target/console-browser-test/}.
 * Skipped, saying so, where Chromium or its driver is not installed ({@code apt-get install chromium chromium-driver}).
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of(Optional.ofNullable(System.getenv("GRIDAI_CHROMIUM")).orElse("/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(Optional.ofNullable(System.getenv("GRIDAI_CHROMEDRIVER"))
            .orElse("/usr/bin/chromedriver"));
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path OPERATOR_API_APP = REPOSITORY.resolve("operator-api/target/quarkus-app/quarkus-run.jar");
    private static final Optional<Path> SHARED_DATA = Optional.ofNullable(System.getenv("GRIDAI_SHARED_DATA")).map(Path::of)
            .or(() -> Optional.of(REPOSITORY.resolveSibling("shared").resolve("data")))
            .filter(d -> Files.exists(d.resolve("rts-gmlc/source/gen.csv")));
    private static final Path SCREENSHOTS = Path.of("target", "console-browser-test");
    /** Without shared data: a battery for IEEE 118, so that the proposals have an asset the twin runs. */
    private static final String BATTERY_WITHOUT_SHARED_DATA = "bess-console";
    /** Wall time for a zone-load window at the speed below (5 grid minutes at ×10 = 30 s) and its way to the page. */
    private static final Duration CHART_UPDATE = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private Process up;
    private WebDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            try {
                // the page as it was last, whatever the outcome (what a failure looked like), and its HTML
                screenshot("console-last.png");
                Files.writeString(SCREENSHOTS.resolve("console-last.html"), browser.getPageSource());
            } finally {
                browser.quit();
            }
        }
        if (up != null) {
            new ProcessBuilder("kill", "-INT", String.valueOf(up.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            if (!up.waitFor(60, TimeUnit.SECONDS)) {
                up.descendants().forEach(ProcessHandle::destroyForcibly);
                up.destroyForcibly();
            }
        }
    }

    @Test
    void anOperatorSeesTheChartUpdateAndApprovesAProposal() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless browser here: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium"
                        + " chromium-driver, or set GRIDAI_CHROMIUM and GRIDAI_CHROMEDRIVER); the console's browser test"
                        + " is skipped");
        up = launchUp();
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                .until(() -> run("status", "--timeout", "PT2S").exit() == StatusCommand.HEALTHY);
        JsonNode status = new ObjectMapper().readTree(run("status", "--json").out());
        String console = url(status, "operator-api", "/console/");
        String bootstrap = url(status, "kafka", "kafka://").substring("kafka://".length());
        assertThat(output()).contains("Operator console: " + console);
        String battery = SHARED_DATA.isPresent() ? "bess-" + RtsGmlcSystem.load(SHARED_DATA.get().resolve("rts-gmlc/source"))
                .batteries().get(0).genUid() : BATTERY_WITHOUT_SHARED_DATA;

        browser = chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        // the token given once in the address: the console keeps it for this tab and takes it out of the address bar
        browser.get(console + "#token=" + token("olivia", "operator"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("who"), "olivia"));
        assertThat(browser.getCurrentUrl()).doesNotContain("token");
        assertThat(browser.findElement(testId("who")).getText()).contains("operator");

        // the live chart: a new zone-load window arrives on the stream and is drawn
        WebElement chart = browser.findElement(testId("chart"));
        int before = Integer.parseInt(chart.getDomAttribute("data-updates"));
        new WebDriverWait(browser, CHART_UPDATE).until(d -> Integer.parseInt(chart.getDomAttribute("data-updates")) > before
                && Integer.parseInt(chart.getDomAttribute("data-points")) > 0);
        assertThat(browser.findElement(testId("chart-updated")).getText()).contains("UTC");
        assertThat(browser.findElements(testId("load-line"))).hasSize(1);

        // the network view: the twin's case, every branch drawn
        wait.until(d -> Integer.parseInt(d.findElement(testId("network")).getDomAttribute("data-branches")) > 0);

        // a pending proposal, as an agent publishes it, approved in the queue
        Instant now = Instant.now();
        Proposal low = new Proposal(ProposalId.of("console-low-" + now.toEpochMilli()), AgentId.of("console-test-agent"), now,
                "Hold " + battery + " idle", "Keeps the battery's reserve for the evening peak.",
                List.of(new ProposedAction(AssetId.of(battery), MeasurementKind.ACTIVE_POWER, 0, Duration.ofMinutes(15))),
                RiskLevel.LOW);
        Proposal high = new Proposal(ProposalId.of("console-high-" + now.toEpochMilli()), AgentId.of("console-test-agent"),
                now, "Idle " + battery + " for an hour", "A high-risk change: two people must approve it.",
                List.of(new ProposedAction(AssetId.of(battery), MeasurementKind.ACTIVE_POWER, 0, Duration.ofHours(1))),
                RiskLevel.HIGH);
        publish(bootstrap, low, high);

        decide(low, "approve", "reserve is worth more tonight");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("proposal-" + low.id().value())));
        assertThat(browser.findElement(testId("decision-" + low.id().value())).getDomAttribute("data-state"))
                .isEqualTo("APPROVED");

        // four eyes: the first approval leaves it pending, the same operator's second is refused and the refusal shown
        decide(high, "approve", "first pair of eyes");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("approvals-" + high.id().value()), "1 of 2"));
        decide(high, "approve", "again, the same eyes");
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(
                testId("proposal-problem-" + high.id().value())));
        assertThat(problem.getText()).as("the API's problem, title and detail").contains(":").isNotBlank();
        screenshot("console.png");

        // a supervisor signs in with the sign-in box and gives the second approval
        browser.findElement(testId("sign-out")).click();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(testId("token-input")));
        box.sendKeys(token("sam", "supervisor"));
        browser.findElement(testId("sign-in-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(testId("who"), "sam"));
        decide(high, "approve", "second pair of eyes");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(testId("proposal-" + high.id().value())));
        assertThat(browser.findElement(testId("decision-" + high.id().value())).getDomAttribute("data-state"))
                .isEqualTo("APPROVED");
        screenshot("console-after-four-eyes.png");
    }

    /** Opens the proposal's reason box with {@code verb} (approve or reject), gives the reason and confirms. */
    private void decide(Proposal p, String verb, String reason) {
        String id = p.id().value();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(testId(verb + "-" + id))).click();
        WebElement box = wait.until(ExpectedConditions.visibilityOfElementLocated(testId("reason-" + id)));
        box.sendKeys(reason);
        browser.findElement(testId("confirm-" + id)).click();
    }

    private WebDriver chromium() throws IOException {
        Path profile = Files.createTempDirectory(dataDir, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,800", "--user-data-dir=" + profile);
        // Debian's driver, given explicitly: Selenium Manager is never asked to find or download one
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(dataDir.resolve("chromedriver.log").toFile()).build();
        return new ChromeDriver(service, options);
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static void publish(String bootstrap, Proposal... proposals) throws Exception {
        try (KafkaProducer<ProposalId, Proposal> producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                Topics.GRID_PROPOSALS.keySerde().serializer(), Topics.GRID_PROPOSALS.valueSerde().serializer())) {
            for (Proposal p : proposals) {
                producer.send(new ProducerRecord<>(Topics.GRID_PROPOSALS.name(), p.id(), p)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private String token(String user, String role) {
        Result token = run("token", "--user", user, "--role", role);
        assertThat(token.exit()).as(token.out()).isZero();
        return token.out().strip();
    }

    private Process launchUp() throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java,
                "-Dgridai.home=" + REPOSITORY, "-cp", System.getProperty("java.class.path"), GridAi.class.getName(),
                "up", "--data-dir", dataDir.toString(), "--kafka-port", "0", "--kafka-controller-port", "0",
                "--kafka-heap", "384m", "--sim-speed", "10", "--no-ingestion", "--no-mqtt", "--no-dispatch", "--no-storage",
                "--no-agent-gateway",
                "--operator-api-port", "0", "--operator-api-app", OPERATOR_API_APP.toString()));
        if (SHARED_DATA.isEmpty()) {
            command.addAll(List.of("--sim-batteries", BATTERY_WITHOUT_SHARED_DATA + "@12:100:25"));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dataDir.resolve("up.out").toFile())
                .start();
    }

    private String output() throws IOException {
        return Files.readString(dataDir.resolve("up.out"), StandardCharsets.UTF_8);
    }

    private static String url(JsonNode status, String component, String marker) {
        for (JsonNode c : status.get("components")) {
            if (c.get("name").asText().equals(component)) {
                for (JsonNode u : c.get("urls")) {
                    if (u.asText().contains(marker)) {
                        return u.asText();
                    }
                }
            }
        }
        throw new AssertionError("no " + marker + " address of " + component + " in " + status);
    }

    record Result(int exit, String out) {
    }

    private Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data-dir");
        all.add(dataDir.toString());
        StringWriter out = new StringWriter();
        CommandLine cli = GridAi.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(out));
        int exit = cli.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString());
    }
}
