package day2ops.cli.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogLinesTest {

    @Test
    void journalEntryBecomesTheTextPlainLineInUtc() {
        String entry = "{\"fields\":{\"MESSAGE\":\"Started Session 4.\",\"_SYSTEMD_UNIT\":\"systemd-logind.service\"},"
                + "\"cursor\":\"s=abc;i=1\",\"monotonic_timestamp\":1,\"realtime_timestamp\":1763726400123456}";
        assertEquals("2025-11-21 12:00:00: Started Session 4.", LogLines.text(entry));
    }

    @Test
    void nonUtf8MessagesArriveAsByteArraysAndAreDecoded() {
        String entry = "{\"fields\":{\"MESSAGE\":[104,105,32,255,33]},\"cursor\":\"c\",\"realtime_timestamp\":0}";
        assertEquals("1970-01-01 00:00:00: hi \uFFFD!", LogLines.text(entry));
    }

    @Test
    void repeatedFieldsAreJoinedByNewlines() {
        assertEquals("1970-01-01 00:00:00: a\nb",
                LogLines.text("{\"fields\":{\"MESSAGE\":[\"a\",\"b\"]},\"realtime_timestamp\":5}"));
    }

    @Test
    void taskFileLinesHaveNoTimestamp() {
        assertEquals("listening on :8080", LogLines.text("{\"fields\":{\"MESSAGE\":\"listening on :8080\"},\"cursor\":\"42\"}"));
    }

    @Test
    void aFrameThatIsNoEntryIsPrintedAsIs() {
        assertEquals("not json", LogLines.text("not json"));
    }

    @Test
    void unitNamesWithoutSuffixBecomeServices() {
        assertEquals("sshd.service", NodeLogCommand.unitName("sshd"));
        assertEquals("dcos-mesos-slave.service", NodeLogCommand.unitName("dcos-mesos-slave"));
        assertEquals("docker.socket", NodeLogCommand.unitName("docker.socket"));
        assertEquals("dcos.target", NodeLogCommand.unitName("dcos.target"));
    }
}
