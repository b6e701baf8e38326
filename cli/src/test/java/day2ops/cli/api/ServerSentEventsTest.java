package day2ops.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    private static List<ServerSentEvents.Event> parse(String stream) throws IOException {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        assertTrue(new ServerSentEvents(null).read(new StringReader(stream), events::add));
        return events;
    }

    @Test
    void dispatchesEventsWithTheirIdAtBlankLines() throws IOException {
        List<ServerSentEvents.Event> events = parse("id: s=1;i=a\ndata: {\"a\":1}\n\nid: s=1;i=b\ndata: {\"a\":2}\n\n");
        assertEquals(List.of(new ServerSentEvents.Event("s=1;i=a", "message", "{\"a\":1}"),
                new ServerSentEvents.Event("s=1;i=b", "message", "{\"a\":2}")), events);
    }

    @Test
    void skipsCommentsSuchAsPings() throws IOException {
        assertEquals(List.of(new ServerSentEvents.Event("7", "message", "x")), parse(": ping\n\nid: 7\n: ping\ndata: x\n\n"));
    }

    @Test
    void joinsDataLinesAndAcceptsCrLfAndMissingSpace() throws IOException {
        assertEquals(List.of(new ServerSentEvents.Event(null, "log", "one\ntwo")),
                parse("event: log\r\ndata:one\r\ndata: two\r\n\r\n"));
    }

    @Test
    void keepsTheLastIdForEventsWithoutOneAndIgnoresIdsWithNul() throws IOException {
        List<ServerSentEvents.Event> events = parse("id: 1\ndata: a\n\ndata: b\n\nid: bad\0id\ndata: c\n\n");
        assertEquals(List.of("1", "1", "1"), events.stream().map(ServerSentEvents.Event::id).toList());
    }

    @Test
    void dropsAnEventCutOffBeforeItsBlankLineAndDoesNotResumeAfterIt() throws IOException {
        ServerSentEvents parser = new ServerSentEvents("0");
        List<ServerSentEvents.Event> events = new ArrayList<>();
        parser.read(new StringReader("id: 1\ndata: complete\n\nid: 2\ndata: cut"), events::add);
        assertEquals(List.of("complete"), events.stream().map(ServerSentEvents.Event::data).toList());
        // event 2 never arrived whole: resuming must ask for what follows event 1
        assertEquals("1", parser.lastEventId());
    }

    @Test
    void stopsWhenTheConsumerSaysSo() throws IOException {
        List<String> seen = new ArrayList<>();
        boolean ended = new ServerSentEvents(null).read(new StringReader("data: 1\n\ndata: 2\n\ndata: 3\n\n"), e -> {
            seen.add(e.data());
            return seen.size() < 2;
        });
        assertFalse(ended);
        assertEquals(List.of("1", "2"), seen);
    }
}
