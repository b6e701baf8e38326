package day2ops.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", Units.bytes(0));
        assertEquals("1023 B", Units.bytes(1023));
        assertEquals("1.0 KiB", Units.bytes(1024));
        assertEquals("1.5 MiB", Units.bytes(1.5 * 1024 * 1024));
        assertEquals("15.6 GiB", Units.bytes(16_750_000_000d));
        assertEquals("2.0 TiB", Units.bytes(2d * (1L << 40)));
        assertEquals("-3.0 KiB", Units.bytes(-3072));
    }

    @Test
    void bytesJustBelowTheNextUnitMoveUpInsteadOfShowing1024() {
        assertEquals("1.0 MiB", Units.bytes(1024 * 1024 - 10));
        assertEquals("1023.9 KiB", Units.bytes(1023.9 * 1024));
    }

    @Test
    void percentagesHaveTwoDecimals() {
        assertEquals("12.35%", Units.percent(12.345));
        assertEquals("0.00%", Units.percent(0));
        assertEquals("-", Units.percent(Double.NaN));
    }

    @Test
    void countsDropSpuriousDecimals() {
        assertEquals("42", Units.number(42.0));
        assertEquals("0.5", Units.number(0.5));
        assertEquals("1.2346", Units.number(1.23456));
        assertEquals("-", Units.number(Double.NaN));
    }

    @Test
    void durationsForPeople() {
        assertEquals("59s", Units.duration(59));
        assertEquals("2m 05s", Units.duration(125));
        assertEquals("2h 00m", Units.duration(7200));
        assertEquals("3d 4h 05m", Units.duration(3 * 86400 + 4 * 3600 + 5 * 60 + 9));
    }
}
