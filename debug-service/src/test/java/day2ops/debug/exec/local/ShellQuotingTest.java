package day2ops.debug.exec.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuotingTest {

    @Test
    void argumentsSurviveShellWordSplittingUnchanged() throws Exception {
        List<String> argv = List.of("printf", "%s|", "it's", "$HOME", "a b", "`id`", "\"q\"", "\\n", "");
        Process sh = new ProcessBuilder("sh", "-c", ShellQuoting.join(argv)).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, sh.waitFor());
        assertEquals("it's|$HOME|a b|`id`|\"q\"|\\n||", out);
    }
}
