package com.idss.informzsync.infrastructure.informz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridPageStreamTest {

    private static String answer(String grids) {
        return "<?xml version=\"1.0\" encoding=\"utf-16\"?><GridResponse xmlns=\"" + AapiXml.AAPI_NS + "\">"
                + "<Brand id=\"4711\">B</Brand><User>u</User><Grids>" + grids + "</Grids></GridResponse>";
    }

    @Test
    void readsEveryRecordAndFieldAsTheDomWayDoes() {
        List<GridRecord> records = GridPageStream.records(answer("<Grid type=\"subscriber_interests\">"
                + "<Record row=\"7\"><Fields><Field element=\"subscriber_id\">101</Field>"
                + "<Field element=\"email\">o'brien&amp;sons@example.org</Field><Field element=\"cancellation_date\"/></Fields></Record>"
                + "<Record><Fields><Field element=\"Subscriber_ID\"> 102 </Field></Fields><Fields><Field element=\"x\">ignored</Field></Fields></Record>"
                + "</Grid>")).orElseThrow();
        assertEquals(2, records.size());
        assertEquals(7, records.get(0).row());
        assertEquals(Map.of("subscriber_id", "101", "email", "o'brien&sons@example.org", "cancellation_date", ""),
                records.get(0).fields());
        assertEquals(2, records.get(1).row(), "a record without a row number is numbered by its place");
        assertEquals(Map.of("Subscriber_ID", " 102 "), records.get(1).fields());
        assertEquals(102, records.get(1).integer("subscriber_id").orElseThrow());
    }

    @Test
    void anEmptyGridHasNoRecords() {
        assertEquals(List.of(), GridPageStream.records(answer("<Grid type=\"subscriber\"/>")).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<Grid type=\"subscriber\"><Status>Failure</Status><Message>No</Message></Grid>",
        "H4sIAAAAAAAA",
        "<Grid type=\"subscriber\"><Record row=\"1\"><Fields><Field element=\"a\"><b/></Field></Fields></Record></Grid>",
        "<Grid type=\"subscriber\"><Record row=\"one\"/></Grid>",
        "<Grid type=\"subscriber\"><Record row=\"1\">",
    })
    void leavesEverythingElseToTheDomWay(String grids) {
        assertTrue(GridPageStream.records(answer(grids)).isEmpty());
    }

    @Test
    void anActionAnswerIsNotAGridAnswer() {
        assertTrue(GridPageStream.records("<ActionResponse xmlns=\"" + AapiXml.AAPI_NS + "\"><Responses/></ActionResponse>").isEmpty());
    }
}
