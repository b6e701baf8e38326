package day2ops.debug.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswdEntryTest {

    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            # a comment:x:1:1::/:/bin/sh
            broken:x:notanumber:1::/:/bin/sh
            app:x:1000:1001:App user,,,:/home/app:/bin/sh
            """;

    @Test
    void findsByNameAndByUid() {
        PasswdEntry app = new PasswdEntry("app", 1000, 1001, "/home/app");
        assertEquals(Optional.of(app), PasswdEntry.find(PASSWD, "app"));
        assertEquals(Optional.of(app), PasswdEntry.find(PASSWD, "1000"));
    }

    @Test
    void skipsMalformedLinesAndUnknownUsers() {
        assertEquals(Optional.empty(), PasswdEntry.find(PASSWD, "broken"));
        assertEquals(Optional.empty(), PasswdEntry.find(PASSWD, "nobody"));
    }
}
