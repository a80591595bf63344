package io.batchroutes.app.status;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status page in a real browser (Debian's chromium + chromedriver) against the jar run as a user runs it, on the
 * embedded default (Azurite, the emulator, real processes): a slow file whose task prints a line every 0.5 s, a
 * text file and a failing one. The page shows the pool's two nodes in the heat map with their states, the slow
 * task's output line by line while it runs, the failing file's reason, and the job reaching done; the JSON endpoint
 * and the {@code status} command show the same.
 */
class StatusPageIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final int SLOW_LINES = 16;

    @TempDir
    Path dir;

    private Process daemon;
    private WebDriver browser;
    private Path log;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(60, TimeUnit.SECONDS)) {
                daemon.descendants().forEach(ProcessHandle::destroyForcibly);
                daemon.destroyForcibly();
            }
        }
        if (log != null && Files.exists(log)) {
            Files.copy(log, jar().resolveSibling("status-page-it.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void thePageShowsNodesProgressAReasonAndARunningTasksOutputLineByLine() throws Exception {
        int port = freePort();
        startDaemon(port);
        String base = "http://127.0.0.1:" + port;

        browser = browser();
        browser.get(base + "/status");
        // The page redraws at every snapshot: an element found a moment ago may be gone, so look again.
        WebDriverWait wait = new WebDriverWait(browser, DEADLINE, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(b -> cellCount(b) == 2 && categories(b).stream().allMatch("idle"::equals));

        drop("slow.slow", "slow input\n");
        drop("words.txt", "the cat and the hat and the bat\n");
        drop("broken.bad", "not what the tool expects\n");

        // The heat map: one cell per node of the pool (2), one running the slow task (1 of 1 slot).
        wait.until(b -> categories(b).contains("running"));
        assertThat(script("return [...document.querySelectorAll('#heatmap .node-cell')].map(c => c.dataset.node)"))
                .asList().hasSize(2).allSatisfy(node -> assertThat((String) node).startsWith("tvm-"));
        assertThat(script("return document.querySelector(\"#heatmap .node-cell[data-category='running']\").textContent"))
                .isEqualTo("1/1");

        // Follow the running slow file: its stdout appears line by line while the task runs.
        wait.until(b -> {
            List<WebElement> buttons = b.findElements(By.cssSelector("tr.file-row[data-name='slow.slow'] button.follow"));
            if (buttons.isEmpty()) {
                return false;
            }
            buttons.get(0).click();
            return true;
        });
        Set<Integer> seenWhileRunning = new LinkedHashSet<>();
        wait.until(b -> {
            int lines = outputLines(b);
            if (lines > 0 && lines < SLOW_LINES && "running".equals(fileState(b, "slow.slow"))) {
                seenWhileRunning.add(lines);
            }
            return seenWhileRunning.size() >= 3;
        });
        screenshot(jar().resolveSibling("status-page.png"));
        assertThat(new ArrayList<>(seenWhileRunning)).as("line counts seen while it ran").isSorted();

        // The task ends: all its lines are there, the output is kept, the file is done.
        wait.until(b -> "true".equals(script("return document.getElementById('output-state').dataset.ended")));
        assertThat(outputText(browser)).contains("line 1 of input.slow").contains("line " + SLOW_LINES + " of input.slow");
        wait.until(b -> "done".equals(fileState(b, "slow.slow")));

        // The failing file, with its reason inline; the job reaches done.
        wait.until(b -> "failed".equals(fileState(b, "broken.bad")));
        assertThat(script("return document.querySelector(\"tr.file-row[data-name='broken.bad'] .reason\").textContent"))
                .asString().contains("exit code: 3").contains("bad header");
        wait.until(b -> "done".equals(fileState(b, "words.txt")));
        wait.until(b -> "3/3".equals(script("return document.getElementById('job-done').textContent + '/'"
                                             + " + document.getElementById('job-total').textContent")));
        assertThat(script("return document.getElementById('job-failed').textContent")).isEqualTo("1");
        assertThat(script("return document.querySelector(\"tr.file-row[data-name='words.txt'] a.result\").textContent"))
                .isEqualTo("words_OUTPUT.txt");
        wait.until(b -> categories(b).stream().allMatch("idle"::equals));

        // The same picture for scripts and terminals.
        JsonNode snapshot = new ObjectMapper().readTree(get(base + "/status/api"));
        assertThat(snapshot.at("/pool/currentDedicated").asInt()).isEqualTo(2);
        assertThat(snapshot.at("/job/completed").asInt()).isEqualTo(3);
        String result = get(base + snapshot.at("/files").findValues("href").get(0).asText());
        assertThat(result).isNotBlank();
        String terminal = statusCommand(base);
        assertThat(terminal).contains("3/3 done").contains("failed=1").contains("nodes ..")
                .contains("broken.bad (fail)").contains("bad header");
    }

    @Test
    void boundBeyondLoopbackWithoutATokenTheDaemonRefusesToStart() throws Exception {
        log = dir.resolve("daemon.log");
        Process refused = new ProcessBuilder(java(), "-Dcamel.management.host=0.0.0.0",
                "-Dcamel.management.port=" + freePort(),
                "-Dbatchroutes.local.azurite-home=" + System.getProperty("azurite.home", "."),
                "-Dbatchroutes.local.data-dir=" + dir.resolve(".batch-routes"), "-jar", jar().toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(refused.waitFor(120, TimeUnit.SECONDS)).as("it stops by itself").isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(logText()).contains("cannot start: camel.management.host is 0.0.0.0 (not loopback), so the status"
                                       + " page needs a token: set batchroutes.status.token");
        assertThat(dir.resolve("InputFiles")).as("no file touched").doesNotExist();
    }

    private void startDaemon(int port) throws IOException, InterruptedException {
        log = dir.resolve("daemon.log");
        List<String> command = new ArrayList<>(List.of(java(),
                "-Dcamel.management.port=" + port,
                "-Dbatchroutes.local.azurite-home=" + System.getProperty("azurite.home", "."),
                "-Dbatchroutes.local.data-dir=" + dir.resolve(".batch-routes"),
                "-Dbatchroutes.input.stable-millis=100", "-Dbatchroutes.input.poll-millis=100",
                "-Dbatchroutes.batch.dedicated-nodes=2", "-Dbatchroutes.batch.task-slots-per-node=1",
                "-Dbatchroutes.status.refresh-millis=500", "-Dbatchroutes.status.follow-millis=300",
                "-Dbatchroutes.work-types=topwords,slow,fail",
                "-Dbatchroutes.work-type.slow.extensions=slow",
                // A line every half second; the input comes in as "$1", never spliced into the script.
                "-Dbatchroutes.work-type.slow.command=/bin/sh -c 'i=0; while [ $i -lt " + SLOW_LINES + " ]; do"
                + " i=$((i+1)); echo \"line $i of $1\"; sleep 0.5; done' slow {input}",
                "-Dbatchroutes.work-type.slow.outputs=../stdout.txt",
                "-Dbatchroutes.work-type.slow.output-name={stem}.out.txt",
                "-Dbatchroutes.work-type.slow.requires=sh",
                "-Dbatchroutes.work-type.fail.extensions=bad",
                "-Dbatchroutes.work-type.fail.command=/bin/sh -c 'echo \"cannot read $1: bad header\" >&2; exit 3' fail {input}",
                "-Dbatchroutes.work-type.fail.outputs=result.txt",
                "-Dbatchroutes.work-type.fail.output-name={stem}.txt",
                "-Dbatchroutes.work-type.fail.requires=sh",
                "-jar", jar().toString()));
        daemon = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!logText().contains("ready; watching")) {
            assertThat(daemon.isAlive()).as("the daemon runs; it printed:\n" + logText()).isTrue();
            assertThat(System.nanoTime()).as("ready within " + DEADLINE + "; it printed:\n" + logText()).isLessThan(end);
            Thread.sleep(100);
        }
    }

    private static WebDriver browser() {
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver)").exists();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver").exists();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1500",
                "--user-data-dir=" + tempDir("status-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private static int cellCount(WebDriver b) {
        return categories(b).size();
    }

    @SuppressWarnings("unchecked")
    private static List<String> categories(WebDriver b) {
        return (List<String>) ((JavascriptExecutor) b).executeScript(
                "return [...document.querySelectorAll('#heatmap .node-cell')].map(c => c.dataset.category)");
    }

    private static String fileState(WebDriver b, String name) {
        return (String) ((JavascriptExecutor) b).executeScript("const row = [...document.querySelectorAll('tr.file-row')]"
                + ".find(r => r.dataset.name === arguments[0]); return row ? row.dataset.state : null;", name);
    }

    private static String outputText(WebDriver b) {
        return (String) ((JavascriptExecutor) b).executeScript("return document.getElementById('output-text').textContent");
    }

    private static int outputLines(WebDriver b) {
        return (int) outputText(b).lines().filter(line -> line.startsWith("line ")).count();
    }

    private void screenshot(Path target) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private void drop(String name, String content) throws IOException {
        Path input = dir.resolve("InputFiles");
        Files.createDirectories(input);
        Path staging = Files.createTempFile(dir, "drop", ".tmp");
        Files.writeString(staging, content);
        Files.move(staging, input.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private String statusCommand(String base) throws Exception {
        Process status = new ProcessBuilder(java(), "-jar", jar().toString(), "status", "--url", base)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(status.exitValue()).as(out).isZero();
        return out;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static Path jar() {
        return Path.of(System.getProperty("batchroutes.jar", "target/batch-routes.jar")).toAbsolutePath();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
