package com.idss.informzsync.domain.list.query;

import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_CITY;
import static com.idss.informzsync.domain.list.query.ContactField.ACCOUNT_TYPE;
import static com.idss.informzsync.domain.list.query.ContactField.CITY;
import static com.idss.informzsync.domain.list.query.ContactField.CREATED_DATE;
import static com.idss.informzsync.domain.list.query.ContactField.LAST_NAME;
import static com.idss.informzsync.domain.list.query.ContactField.TAG;
import static com.idss.informzsync.domain.list.query.ContactField.TITLE;
import static com.idss.informzsync.domain.list.query.CriteriaGroup.all;
import static com.idss.informzsync.domain.list.query.CriteriaGroup.any;
import static com.idss.informzsync.domain.list.query.Criterion.between;
import static com.idss.informzsync.domain.list.query.Criterion.contains;
import static com.idss.informzsync.domain.list.query.Criterion.equalTo;
import static com.idss.informzsync.domain.list.query.Criterion.in;
import static com.idss.informzsync.domain.list.query.SavedQueryCheck.Verdict.ASK_THE_DATABASE;
import static com.idss.informzsync.domain.list.query.SavedQueryCheck.Verdict.DOES_NOT_MATCH;
import static com.idss.informzsync.domain.list.query.SavedQueryCheck.Verdict.MATCHES;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SavedQueryCheckTest {

    private static final ContactFacts CARLA = new ContactFacts(
            Map.of(LAST_NAME, "Núñez", TITLE, "Event Coordinator", CITY, "Tampa"), "VENUE", Set.of("golf_pro", "vip"),
            OffsetDateTime.parse("2024-02-29T23:30:00-05:00")); // 2024-03-01 in UTC

    @Test
    void asciiTextIsDecidedCaseInsensitively() {
        assertEquals(MATCHES, SavedQueryCheck.verdict(equalTo(CITY, "TAMPA"), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(in(CITY, "miami", "tampa"), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(contains(TITLE, "COORD"), CARLA));
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(contains(TITLE, "sales"), CARLA));
    }

    @Test
    void whatOnlyTheDatabaseCanTellIsLeftToIt() {
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.verdict(equalTo(LAST_NAME, "NÚÑEZ"), CARLA), "lower-casing beyond ASCII");
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.verdict(equalTo(CITY, "Tampé"), CARLA), "a value beyond ASCII");
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.verdict(between(CITY, "a", "m"), CARLA), "the collation's order");
    }

    @Test
    void aFieldTheContactLacksMatchesNothingAsSqlNullDoes() {
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(equalTo(ACCOUNT_CITY, "Tampa"), CARLA));
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(between(ACCOUNT_CITY, "a", "z"), CARLA));
    }

    @Test
    void tagsChoicesAndDaysAreAlwaysDecided() {
        assertEquals(MATCHES, SavedQueryCheck.verdict(equalTo(TAG, " VIP "), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(contains(TAG, "PRO"), CARLA));
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(in(TAG, "press", "golf"), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(in(ACCOUNT_TYPE, "hotel", "venue"), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(equalTo(CREATED_DATE, "2024-03-01"), CARLA), "UTC days");
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(equalTo(CREATED_DATE, "2024-02-29"), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(between(CREATED_DATE, null, "2024-03-01"), CARLA), "the end day included");
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(between(CREATED_DATE, "2024-03-02", null), CARLA));
    }

    @Test
    void groupsCombineThreeValuedSoACertainAnswerIsNeverLost() {
        Criterion unsure = equalTo(LAST_NAME, "nuñez");
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.verdict(all(unsure, equalTo(TAG, "press")), CARLA));
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.verdict(all(unsure, equalTo(TAG, "vip")), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.verdict(any(unsure, equalTo(TAG, "vip")), CARLA));
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.verdict(any(unsure, equalTo(TAG, "press")), CARLA));
        assertEquals(MATCHES, SavedQueryCheck.anyOf(List.of(all(equalTo(TAG, "press")), all(unsure), all(equalTo(CITY, "tampa"))), CARLA));
        assertEquals(ASK_THE_DATABASE, SavedQueryCheck.anyOf(List.of(all(equalTo(TAG, "press")), all(unsure)), CARLA));
        assertEquals(DOES_NOT_MATCH, SavedQueryCheck.anyOf(List.of(), CARLA));
    }
}
