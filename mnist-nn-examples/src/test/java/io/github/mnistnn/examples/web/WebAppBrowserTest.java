package io.github.mnistnn.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mnistnn.data.ShippedMnist;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The page end to end in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; nothing
 * is downloaded): a digit drawn with the mouse is predicted, a clicked test image is predicted as its label, and a
 * short training run shows its progress, curves and confusion matrices and becomes the selected model. The
 * screenshot it takes is {@code docs/images/web-app.png}. Skipped where Chromium is absent, except under
 * {@code CI=true}, where that fails.
 */
class WebAppBrowserTest {
    private static final String BROWSER = System.getProperty("mnistnn.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("mnistnn.chromedriver", "/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Logger QUIET = Logger.getLogger("org.openqa.selenium.devtools");

    private static DigitServer server;
    private static ChromeDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String why = "Chromium tests skipped: no " + BROWSER + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why + ", which CI must have");
            }
            System.err.println(why);
            Assumptions.abort(why);
        }
        server = DigitServer.start(ServerSettings.loopback(0), ModelCatalog.bundled(), ShippedMnist.subset().test(),
                () -> {
                    throw new IOException("the browser test trains on the shipped data only");
                });
        // Selenium looks for DevTools bindings of this Chromium's version, which the test does not use.
        QUIET.setLevel(Level.SEVERE);
        profile = Files.createTempDirectory("mnist-nn-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1720", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        browser.get("http://127.0.0.1:" + server.port() + "/");
        waitFor("the models and the test images to load", () -> browser.findElements(
                By.cssSelector("#model option")).size() == 3 && browser.findElements(By.cssSelector("#samples canvas"))
                        .size() == 25);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void waitFor(String what, Supplier<Boolean> condition) {
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > until) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    private static String answer() {
        return browser.findElement(By.id("answer")).getText();
    }

    /** Draws a polyline through the points (offsets from the pad's centre, in CSS pixels) with the mouse. */
    private static void draw(int[][] points) {
        WebElement pad = browser.findElement(By.id("pad"));
        Actions stroke = new Actions(browser).moveToElement(pad, points[0][0], points[0][1]).clickAndHold();
        for (int i = 1; i < points.length; i++) {
            stroke.moveByOffset(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
        }
        stroke.release().perform();
    }

    @Test
    void predictsADrawingAClickedImageAndTrainsWithLiveProgress() throws IOException {
        assertThat(browser.findElement(By.id("model")).getAttribute("value")).isEqualTo("keras-cnn");

        // A "1": one stroke down the middle.
        int[][] one = new int[13][];
        for (int i = 0; i < one.length; i++) {
            one[i] = new int[] {2 - i / 4, -90 + 15 * i};
        }
        draw(one);
        waitFor("the drawn 1 to be predicted", () -> answer().equals("1"));
        assertThat(browser.findElements(By.cssSelector("#bars li"))).hasSize(10);

        // A "0": a closed loop.
        browser.findElement(By.id("clear")).click();
        int[][] zero = new int[37][];
        for (int i = 0; i < zero.length; i++) {
            double t = 2 * Math.PI * i / (zero.length - 1);
            zero[i] = new int[] {(int) Math.round(55 * Math.sin(t)), (int) Math.round(-85 * Math.cos(t))};
        }
        draw(zero);
        waitFor("the drawn 0 to be predicted", () -> answer().equals("0"));

        // A test image (the CNN gets every one of the shipped subset's right) is predicted as its label.
        WebElement image = browser.findElements(By.cssSelector("#samples canvas")).get(3);
        String digit = image.getAttribute("data-digit");
        image.click();
        waitFor("the clicked " + digit + " to be predicted", () -> answer().equals(digit));

        // A short run: every state the page shows is recorded as it changes.
        ((JavascriptExecutor) browser).executeScript("window.seenStates = [];"
                + "new MutationObserver(() => window.seenStates.push(document.getElementById('train-state')"
                + ".textContent)).observe(document.getElementById('train-state'), {childList: true,"
                + " characterData: true, subtree: true});");
        WebElement epochs = browser.findElement(By.id("train-epochs"));
        epochs.clear();
        epochs.sendKeys("30");
        browser.findElement(By.id("train-start")).click();
        WebElement state = browser.findElement(By.id("train-state"));
        waitFor("the run to end", () -> "done".equals(state.getAttribute("data-state")));

        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.seenStates;");
        assertThat(seen).anyMatch(s -> s.matches("Epoch \\d+ of 30: .*"));
        assertThat(state.getText()).startsWith("Run 1 done").contains("now offered as model trained-1");
        assertThat(Double.parseDouble(browser.findElement(By.id("train-progress")).getAttribute("value")))
                .isEqualTo(1.0);
        assertThat(cellSum("confusion-training")).isEqualTo(1000);
        assertThat(cellSum("confusion-test")).isEqualTo(200);
        assertThat(browser.findElements(By.cssSelector("#confusion-test td"))).hasSize(25);
        waitFor("the trained model to be selected",
                () -> "trained-1".equals(browser.findElement(By.id("model")).getAttribute("value")));
        Object painted = ((JavascriptExecutor) browser).executeScript("const c = document.getElementById('curves');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let red = 0;"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i] > 200 && d[i + 1] < 80) red++; } return red;");
        assertThat(((Number) painted).intValue()).as("pixels of the loss curve").isGreaterThan(200);

        Path shot = Path.of("target", "web-app.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(shot)).isGreaterThan(10_000);
    }

    private static long cellSum(String figure) {
        long sum = 0;
        for (WebElement cell : browser.findElements(By.cssSelector("#" + figure + " td"))) {
            sum += Long.parseLong(cell.getText());
        }
        return sum;
    }
}
