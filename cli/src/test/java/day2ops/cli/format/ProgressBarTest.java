package day2ops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void barFillsInProportionAndClamps() {
        assertEquals("[----------]", ProgressBar.bar(0, 10, 10));
        assertEquals("[#####-----]", ProgressBar.bar(5, 10, 10));
        assertEquals("[##########]", ProgressBar.bar(10, 10, 10));
        assertEquals("[##########]", ProgressBar.bar(12, 10, 10));
        assertEquals("[----------]", ProgressBar.bar(3, 0, 10));
    }

    @Test
    void percentIsRightAlignedAndUnknownWithoutTotal() {
        assertEquals(" 50%", ProgressBar.percent(1, 2));
        assertEquals("100%", ProgressBar.percent(7, 7));
        assertEquals("  ?%", ProgressBar.percent(7, -1));
    }

    @Test
    void lineShowsBarPercentAndAmounts() {
        assertEquals("bundle [###############---------------]  50%  3 / 6",
                ProgressBar.line("bundle", 3, 6, Long::toString, 80));
        assertEquals("[##########----------]  50%  512.0 KiB / 1.0 MiB",
                ProgressBar.line("", 512 * 1024, 1024 * 1024, Units::bytes, 50));
    }

    @Test
    void lineDropsTheBarWhenTheTerminalIsNarrowOrTheTotalUnknown() {
        assertEquals("bundle 3 / 6", ProgressBar.line("bundle", 3, 6, Long::toString, 25));
        assertEquals("1.0 MiB", ProgressBar.line("", 1024 * 1024, -1, Units::bytes, 80));
    }

    @Test
    void terminalProgressRedrawsOneLineInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 40);
        progress.update("b", 1, 2, Long::toString, "InProgress");
        progress.update("b", 1, 2, Long::toString, "InProgress");
        progress.update("b", 2, 2, Long::toString, "Done");
        progress.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("\rb [" + "#".repeat(11) + "-".repeat(11) + "]  50%  1 / 2\rb [" + "#".repeat(22) + "] 100%  2 / 2\n", out);
    }

    @Test
    void plainProgressPrintsALineOnlyWhenSomethingChanged() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 80);
        progress.update("bundle 1a2b", 0, 3, Long::toString, "Started");
        progress.update("bundle 1a2b", 0, 3, Long::toString, "Started");
        progress.update("bundle 1a2b", 2, 3, Long::toString, "InProgress");
        progress.update("bundle 1a2b", 3, 3, Long::toString, "Done");
        progress.finish();
        assertEquals("""
                bundle 1a2b Started: 0 of 3
                bundle 1a2b InProgress: 2 of 3
                bundle 1a2b Done: 3 of 3
                """, bytes.toString(StandardCharsets.UTF_8));
    }
}
