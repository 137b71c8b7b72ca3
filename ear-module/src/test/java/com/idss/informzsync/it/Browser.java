package com.idss.informzsync.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through its own chromedriver: no Selenium Manager, no
 * downloads. Waits are explicit and generous (a loaded 2-core CI machine); nothing sleeps.
 */
final class Browser implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String CHROMIUM = System.getProperty("chromium.binary", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    final String base;
    private final Path profile;

    Browser(URL deployment) {
        // Selenium must not phone home or fetch drivers: everything it needs is installed.
        System.setProperty("SE_AVOID_STATS", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("console-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE);
        // Local runs beside another engineer's server use a port offset Arquillian's URL does not know about.
        String url = System.getProperty("console.base.url", deployment.toExternalForm());
        base = url.endsWith("/") ? url : url + "/";
    }

    void open(String page) {
        driver.get(base + page);
    }

    void login(String user, String password) {
        open("index.xhtml");
        driver.findElement(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
    }

    void logout() {
        driver.findElement(By.id("logout:logoutButton")).click();
        await(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
    }

    /** Waits for the condition; an element an Ajax update replaced meanwhile just means "look again". */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Reloads the page until the condition holds: for state the sync engine writes behind the page's back. */
    <T> T awaitAfterRefresh(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(750)).until(d -> {
            d.navigate().refresh();
            d.findElement(By.id("current-user"));
            return condition.apply(d);
        });
    }

    WebElement byId(String id) {
        return await(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    void type(String id, String text) {
        WebElement field = byId(id);
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks and waits for the page the click submits to replace this one. */
    void clickAndWait(By by) {
        WebElement element = driver.findElement(by);
        element.click();
        await(d -> isGone(element));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            // Asked about a node while its page is being replaced, Chrome may answer "Node with given id
            // does not belong to the document" instead of "stale element": the same fact (a CI run failed on it).
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    boolean bodyContains(String text) {
        return driver.findElement(By.tagName("body")).getText().contains(text);
    }

    /** As {@link #screenshot(String)}, scrolled so that the element is at the top. */
    void screenshotOf(String id, String name) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true);", byId(id));
        screenshot(name);
    }

    /** Always under target/screenshots; also under docs/screenshots (committed) with -Dscreenshots=true. */
    void screenshot(String name) {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.copy(shot, target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("screenshots")) {
                Path docs = Path.of("..", "docs", "screenshots");
                Files.createDirectories(docs);
                Files.copy(shot, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
