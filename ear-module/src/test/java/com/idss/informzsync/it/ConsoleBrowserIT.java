package com.idss.informzsync.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.idss.informzsync.jmsclient.CrmInboxClient;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser against the real application: login and roles, contacts and
 * lists, the sync state the engine writes, duplicates, escaping. Users come from the build
 * (ear-module pom, add-user); the Informz simulator from the build as well.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-test-1";
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-test-1";

    private static final Pattern CONTACT_ID = Pattern.compile("[?&]id=(\\d+)");

    private final InformzSimulatorAdmin informz = new InformzSimulatorAdmin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.productEar();
    }

    @ArquillianResource
    URL deployment;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(deployment);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    @Order(1)
    void aPageWithoutLoginShowsTheLoginFormAndAWrongPasswordIsRefused() {
        browser.open("contacts.xhtml");
        browser.byId("j_username");
        assertFalse(browser.bodyContains("Contacts\n"), "no console content before login");
        browser.screenshot("01-login");

        browser.byId("j_username").sendKeys(OPERATOR);
        browser.byId("j_password").sendKeys("not-the-password");
        browser.byId("login-submit").click();
        assertTrue(browser.byId("login-failed").getText().contains("Wrong user name or password"));

        browser.login(OPERATOR, OPERATOR_PASSWORD);
        assertEquals(OPERATOR, browser.byId("current-user").getText());
        browser.logout();
        browser.open("index.xhtml");
        browser.byId("j_username");
    }

    @Test
    @Order(2)
    void anOperatorCannotReachTheSettings() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        assertTrue(browser.driver.findElements(By.linkText("Settings")).isEmpty(), "no Settings link for an operator");
        browser.open("admin/settings.xhtml");
        assertEquals("Not allowed", browser.byId("error-title").getText());
        browser.screenshot("13-not-allowed");
    }

    @Test
    @Order(3)
    void aScriptInANameIsShownAsText() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String script = "<script>alert(1)</script>";
        createContact(script, "Xss-" + shortId(), null);
        assertTrue(browser.byId("contact-name").getText().contains(script));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());

        browser.open("contacts.xhtml");
        browser.type("contacts:text", "Xss-");
        browser.clickAndWait(By.id("contacts:search"));
        assertTrue(browser.byId("contactTable").getText().contains(script));
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
    }

    @Test
    @Order(4)
    void aDuplicateIsLabelledOnTheContactAndOnTheDuplicatesPage() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String email = "twin-" + shortId() + "@example.org";
        String originalName = "Original-" + shortId();
        String twinName = "Twin-" + shortId();
        createContact("Ana", originalName, email);
        assertTrue(browser.driver.findElements(By.id("duplicate-label")).isEmpty());
        createContact("Ana", twinName, " " + email.toUpperCase());
        assertEquals("Duplicate", browser.byId("duplicate-label").getText().strip());

        browser.open("duplicates.xhtml");
        WebElement twinRow = browser.byId("duplicateTable")
                .findElement(By.xpath(".//tr[td/a[contains(., '" + twinName + "')]]"));
        assertTrue(twinRow.getText().contains("Duplicate"), twinRow.getText());
        WebElement ownerRow = browser.byId("duplicateTable")
                .findElement(By.xpath(".//tr[td/a[contains(., '" + originalName + "')]]"));
        assertFalse(ownerRow.getText().contains("Duplicate"), ownerRow.getText());
        assertTrue(ownerRow.getText().contains("Owns the address"));
    }

    @Test
    @Order(5)
    void aContactAddedToASyncedListIsSyncedWithItsInformzCode() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String list = "Browser list " + shortId();
        informz.createInterest(list);
        createList(list);
        createContact("Sam", "Synced-" + shortId(), "sam." + shortId() + "@example.org");
        putOnList(list);

        // A list reconcile marks the contact synced before it reads the subscriber IDs back: wait for both.
        browser.awaitAfterRefresh(d -> d.findElement(By.id("syncStates")).getText().contains("Synced")
                && d.findElement(By.id("informz-code")).getText().matches("\\d+"));
    }

    @Test
    @Order(6)
    void aFailedPushTurnsTheContactRedWithTheErrorAndAResyncClearsIt() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String list = "Failing list " + shortId();
        informz.createInterest(list);
        createList(list);
        String email = "fay." + shortId() + "@example.org";
        int contactId = createContact("Fay", "Failing-" + shortId(), email);

        // A permanent Informz fault for every call about this contact, until cleared: the engine
        // records ERROR instead of retrying.
        informz.injectFaultsInCallsMentioning(email, "soap-fault", 1000, "InvalidDataFormatException");
        putOnList(list);
        browser.awaitAfterRefresh(d -> !d.findElements(By.id("sync-error-label")).isEmpty());
        WebElement errorRow = browser.byId("syncStates").findElement(By.cssSelector("tr.sync-error"));
        assertTrue(errorRow.getText().contains("Sync error"), errorRow.getText());

        browser.open("errors.xhtml");
        assertTrue(browser.byId("errorTable").getText().contains("Failing-"));
        browser.screenshot("09-sync-errors");
        informz.clearFaults();

        // The fault was for one call only: Informz works again, so a resync goes through.
        browser.open("contact.xhtml?id=" + contactId);
        browser.clickAndWait(By.id("resync:resyncContact"));
        browser.awaitAfterRefresh(d -> d.findElements(By.id("sync-error-label")).isEmpty()
                && d.findElement(By.id("syncStates")).getText().contains("Synced"));
        assertTrue(browser.driver.findElements(By.cssSelector("#syncStates tr.sync-error")).isEmpty());
    }

    @Test
    @Order(7)
    void everyPageRendersForAnAdmin() {
        browser.login(ADMIN, ADMIN_PASSWORD);
        assertTrue(browser.byId("states").getText().contains("synced"));
        // Earlier tests called Informz: the last 24 hours' chart has a line, its label says the peak.
        WebElement calls = browser.byId("calls-chart");
        assertFalse(calls.findElements(By.tagName("polyline")).isEmpty(), "a line of calls");
        assertTrue(calls.getAttribute("aria-label").matches("Informz calls per minute: now \\d+ calls, peak [1-9]\\d*"),
                calls.getAttribute("aria-label"));
        browser.byId("failures-chart");
        browser.byId("lag-chart");
        browser.screenshot("02-dashboard");
        browser.screenshotOf("activity", "17-dashboard-charts");

        String list = "Screenshot list " + shortId();
        createList(list);
        browser.open("lists.xhtml");
        browser.byId("listTable");
        browser.screenshot("03-lists");

        // Other test classes' lists fill the first pages: find it as a user would.
        browser.open("lists.xhtml");
        browser.type("lists:text", list);
        browser.clickAndWait(By.id("lists:search"));
        browser.clickAndWait(By.linkText(list));
        browser.clickAndWait(By.id("list:addQuery"));
        browser.screenshot("04-list");

        int id = createContact("Lee", "Shot-" + shortId(), "lee." + shortId() + "@example.org");
        browser.screenshot("06-contact");
        browser.open("contact.xhtml?id=" + id + "&tab=lists");
        browser.byId("contactLists");
        browser.screenshot("07-contact-lists");
        browser.open("contact.xhtml?id=" + id + "&tab=story");
        browser.byId("timeline");
        browser.screenshot("08-contact-story");

        browser.open("contacts.xhtml");
        browser.byId("contactTable");
        browser.screenshot("05-contacts");
        browser.open("duplicates.xhtml");
        browser.byId("duplicateTable");
        browser.screenshot("10-duplicates");
        browser.open("calls.xhtml");
        browser.byId("callTable");
        browser.screenshot("11-informz-calls");
        pagesForwardAndBack();
        browser.open("errors.xhtml");
        browser.byId("errorTable");
        browser.open("invalid-messages.xhtml");
        browser.byId("invalidTable");
        browser.screenshot("14-invalid-messages");
        browser.open("admin/settings.xhtml");
        assertFalse(browser.byId("settings").getText().contains("simulator-secret"), "never the password");
        browser.screenshot("12-settings");
    }

    @Test
    @Order(8)
    void anAdminDeletesADeadLetterOnlyAfterConfirmingAndTheAuditSaysWho() {
        String poison = "not a sync message " + shortId();
        // As a misbehaving application would: the sync listener dead-letters it at once, with the reason.
        try (CrmInboxClient guest = CrmInboxClient.connect("127.0.0.1", Integer.getInteger("it.http.port", 8080),
                System.getProperty("it.guest.user", "guest-app-test"), System.getProperty("it.guest.password", "guest-app-test-1"))) {
            guest.sendTo("IdssSyncQueue", poison);
        }
        browser.login(ADMIN, ADMIN_PASSWORD);
        browser.open("admin/dead-letters.xhtml");
        WebElement row = browser.awaitAfterRefresh(d -> d.findElements(rowWith(poison)).stream().findFirst().orElse(null));
        assertTrue(row.getText().contains("unreadable sync message"), row.getText());
        assertTrue(row.getText().contains("malformed sync message"), "the reason: " + row.getText());
        browser.screenshot("15-dead-letters");

        row.findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.clickAndWait(By.id("dead:deleteSelected"));
        assertTrue(browser.byId("dead:confirm").getText().contains("Delete 1 message"));
        assertFalse(browser.driver.findElements(rowWith(poison)).isEmpty(), "nothing deleted before the confirmation");
        browser.screenshot("16-dead-letters-confirm");
        browser.clickAndWait(By.id("dead:confirmDelete"));
        assertTrue(browser.driver.findElements(rowWith(poison)).isEmpty(), "deleted once confirmed");
        String audit = browser.byId("auditTable").getText();
        assertTrue(audit.contains("DELETED") && audit.contains(ADMIN) && audit.contains("unreadable sync message"), audit);
    }

    @Test
    @Order(9)
    void anOperatorCannotReachTheDeadLetters() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        assertTrue(browser.driver.findElements(By.linkText("Dead letters")).isEmpty(), "not in the menu");
        browser.open("admin/dead-letters.xhtml");
        assertEquals("Not allowed", browser.byId("error-title").getText());
        assertTrue(browser.driver.findElements(By.id("deadLetterTable")).isEmpty(), "sync-admin only");
    }

    @Test
    @Order(10)
    void aQueryIsBuiltInTheUsersWordsWithValueListsDatePickersAndALiveCount() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String lastName = "Querying-" + shortId();
        createContact("Quinn", lastName, "quinn." + shortId() + "@example.org");
        browser.open("list.xhtml");
        browser.clickAndWait(By.id("list:addQuery"));

        Select field = new Select(browser.await(d -> d.findElement(By.cssSelector("select[id$=':field']"))));
        assertTrue(field.getOptions().stream().anyMatch(o -> o.getText().equals("Account type")), "fields by their labels");
        assertTrue(field.getOptions().stream().noneMatch(o -> o.getText().contains("_")), "no code words");

        // A field with known values offers them; "is one of" picks several.
        choose("field", "Account type");
        Select value = new Select(browser.await(d -> d.findElement(By.cssSelector("select[id$=':choice']"))));
        assertTrue(value.getOptions().stream().anyMatch(o -> o.getText().equals("Meeting planner")), "choices in words");
        choose("operator", "is one of");
        browser.await(d -> d.findElement(By.cssSelector("select[id$=':choices']")));
        assertEquals(List.of("is", "is one of"), optionTexts("operator"), "only what fits an account type");

        // A date field gets the browser's date picker, and "is between".
        choose("field", "Created");
        assertEquals(List.of("is on", "is between"), optionTexts("operator"));
        choose("operator", "is between");
        WebElement from = browser.await(d -> d.findElement(By.cssSelector("input[id$=':value']")));
        assertEquals("date", from.getAttribute("type"));
        assertEquals("date", browser.driver.findElement(By.cssSelector("input[id$=':to']")).getAttribute("type"));

        // The live count follows the query as it is typed.
        choose("field", "Last name");
        choose("operator", "is");
        WebElement text = browser.await(d -> d.findElement(By.cssSelector("input[id$=':value']")));
        assertTrue(countText().startsWith("Fill in every row"));
        text.sendKeys(lastName, Keys.TAB);
        awaitCount("Matches 1 active contact now.");

        // A group inside the query: (last name is …) and (any of: first name is …).
        browser.clickAndWait(By.cssSelector("input[id$=':addGroup']"));
        assertEquals(2, browser.driver.findElements(By.cssSelector("select[id$=':match']")).size(), "the query's and the group's");
        assertTrue(countText().startsWith("Fill in every row"), "the group's row is empty");
        choose("field", 1, "First name");
        browser.driver.findElements(By.cssSelector("input[id$=':value']")).get(1).sendKeys("Nobody-" + shortId(), Keys.TAB);
        awaitCount("Matches 0 active contacts now.");
        browser.driver.findElements(By.cssSelector("input[id$=':value']")).get(1)
                .sendKeys(Keys.chord(Keys.CONTROL, "a"), "Quinn", Keys.TAB);
        awaitCount("Matches 1 active contact now.");
        browser.screenshotOf("list:queries", "18-query-builder");
    }

    @Test
    @Order(11)
    void aContactWhoUnsubscribedInInformzIsShownSoOnItsPageAndCountedOnItsList() {
        browser.login(OPERATOR, OPERATOR_PASSWORD);
        String list = "Opt-out list " + shortId();
        String email = "ola." + shortId() + "@example.org";
        informz.createInterest(list);
        createList(list);
        String listPage = browser.driver.getCurrentUrl();
        int contactId = createContact("Ola", "Optout-" + shortId(), email);
        putOnList(list);
        browser.awaitAfterRefresh(d -> d.findElement(By.id("syncStates")).getText().contains("Synced"));

        // Ola leaves the interest on Informz's preference page; an operator has the list checked now.
        // "Synced" may come from the list's push while the contact's own push is still on its way, and
        // a Subscribe that lands after the opt-out re-activates the membership, as Informz does: she
        // opts out again, and the list is checked again, until the check runs after the last push.
        browser.await(d -> {
            if (informz.activeMembersOf(list).contains(email)) {
                informz.personOptsOutOf(list, email);
                d.get(listPage);
                d.findElement(By.id("sync:checkNow")).click();
                return false;
            }
            d.get(listPage); // a fresh view: a refresh would post the check again
            return d.findElement(By.id("run-unsubscribed")).getText().equals("1")
                    && d.findElement(By.id("run-status")).getText().equals("COMPLETED")
                    && d.findElement(By.id("memberTable")).getText().contains("Unsubscribed in Informz");
        });
        browser.screenshotOf("sync-section", "20-list-unsubscribed-count");

        browser.open("contact.xhtml?id=" + contactId);
        String notice = browser.byId("informz-unsubscribed").getText();
        assertTrue(notice.contains(email) && notice.contains("from the interest of list “" + list + "”"), notice);
        assertTrue(browser.byId("syncStates").getText().contains("Unsubscribed in Informz"));
        assertFalse(informz.activeMembersOf(list).contains(email), "never resubscribed");
        browser.screenshot("19-contact-unsubscribed-in-informz");
    }

    /**
     * The paging row every table shares, on the Informz calls page (25 a page): Next and Previous
     * move by a page. The earlier tests' calls fill more than one page in a whole run; run alone,
     * there may be one page only, and then Next is disabled.
     */
    private void pagesForwardAndBack() {
        By range = By.cssSelector("div.pager span");
        Matcher first = Pattern.compile("1–25 of (\\d+)").matcher(browser.driver.findElement(range).getText().strip());
        if (!first.matches()) {
            assertTrue(browser.driver.findElement(range).getText().matches("\\s*\\d+–\\d+ of \\d+"));
            assertFalse(browser.driver.findElement(By.cssSelector("div.pager input[value='Next']")).isEnabled());
            return;
        }
        // Syncs still finishing may add calls meanwhile: the total may grow, the ranges stay.
        long total = Long.parseLong(first.group(1));
        browser.clickAndWait(By.cssSelector("div.pager input[value='Next']"));
        String second = browser.driver.findElement(range).getText().strip();
        assertTrue(second.startsWith("26–" + (total >= 50 ? "50" : "")), second);
        browser.clickAndWait(By.cssSelector("div.pager input[value='Previous']"));
        assertTrue(browser.driver.findElement(range).getText().strip().startsWith("1–25 of "));
    }

    private String countText() {
        return browser.driver.findElement(By.cssSelector("[id$=':matchCount']")).getText();
    }

    private void awaitCount(String expected) {
        browser.await(d -> d.findElement(By.cssSelector("[id$=':matchCount']")).getText().equals(expected));
    }

    /** Picks an option of the first query row's select by its text, and waits for the form to redraw. */
    private void choose(String select, String optionText) {
        choose(select, 0, optionText);
    }

    /** As {@link #choose(String, String)}, in the row at that index (top to bottom). */
    private void choose(String select, int row, String optionText) {
        By selects = By.cssSelector("select[id$=':" + select + "']");
        WebElement before = browser.driver.findElements(selects).get(row);
        new Select(before).selectByVisibleText(optionText);
        browser.await(ExpectedConditions.stalenessOf(before));
        browser.await(d -> new Select(d.findElements(selects).get(row)).getFirstSelectedOption().getText().equals(optionText));
    }

    private List<String> optionTexts(String select) {
        return new Select(browser.driver.findElement(By.cssSelector("select[id$=':" + select + "']"))).getOptions().stream()
                .map(WebElement::getText).toList();
    }

    private static By rowWith(String text) {
        return By.xpath("//table[@id='deadLetterTable']//tr[contains(., '" + text + "')]");
    }

    // ------------------------------------------------------------------ steps

    /** Creates a contact through the form and returns its id (the page it lands on names it). */
    private int createContact(String firstName, String lastName, String email) {
        browser.open("contact.xhtml");
        browser.type("contact:firstName", firstName);
        browser.type("contact:lastName", lastName);
        if (email != null) {
            browser.type("contact:email", email);
        }
        browser.clickAndWait(By.id("contact:save"));
        browser.byId("informz-code");
        Matcher id = CONTACT_ID.matcher(browser.driver.getCurrentUrl());
        assertTrue(id.find(), browser.driver.getCurrentUrl());
        return Integer.parseInt(id.group(1));
    }

    private void createList(String name) {
        browser.open("list.xhtml");
        browser.type("list:name", name);
        browser.clickAndWait(By.id("list:save"));
        browser.byId("sync-section");
    }

    /** Checks the list on the current contact's Distribution Lists tab and saves. */
    private void putOnList(String list) {
        browser.clickAndWait(By.id("tab-lists"));
        WebElement label = browser.byId("contactLists")
                .findElement(By.xpath(".//label[normalize-space(.)='" + list + "']"));
        browser.driver.findElement(By.id(label.getAttribute("for"))).click();
        browser.clickAndWait(By.id("contactLists:saveLists"));
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("syncStates")));
    }


    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
