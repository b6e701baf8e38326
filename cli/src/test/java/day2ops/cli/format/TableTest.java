package day2ops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void alignsColumnsWithTwoSpacesAndNoTrailingBlanks() {
        String table = new Table("NAME", "VALUE", "TAGS").rightAlign(1)
                .row("cpu.total", "12.50%", "")
                .row("memory.total", "15.6 GiB", "host=a")
                .render();
        assertEquals("""
                NAME             VALUE  TAGS
                cpu.total       12.50%
                memory.total  15.6 GiB  host=a
                """, table);
    }

    @Test
    void cellsWithNewlinesStayOnOneLine() {
        assertEquals("A    B\nx y  z\n", new Table("A", "B").row("x\ny", "z").render());
    }

    @Test
    void rowsMustHaveOneCellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new Table("A", "B").row("only one"));
    }
}
