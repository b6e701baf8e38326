package day2ops.metrics.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UdpDropsTest {

    @Test
    void readsDropsColumnPerLocalPort() throws Exception {
        Map<Integer, Long> drops = UdpDrops.parse(Files.readString(Path.of("src/test/resources/fixtures/proc/net/udp")));
        assertEquals(17L, drops.get(61825));
        assertEquals(0L, drops.get(68));
        assertEquals(2, drops.size());
    }

    @Test
    void ignoresHeaderAndGarbage() {
        assertEquals(Map.of(), UdpDrops.parse("  sl  local_address rem_address\nnot a socket line\n"));
    }
}
