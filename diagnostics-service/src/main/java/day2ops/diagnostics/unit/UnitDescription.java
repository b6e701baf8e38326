package day2ops.diagnostics.unit;

/**
 * DC/OS unit descriptions read "{@code Name: what it does}"; the health API reports the two halves as
 * {@code name} and {@code description}.
 */
public record UnitDescription(String name, String description) {

    private static final String SEPARATOR = ": ";

    /**
     * Splits at the first "{@code : }". Without one, the whole text is the description and the unit id is
     * the name (dcos-diagnostics did the same, so a unit always has a name to show).
     */
    public static UnitDescription split(String unitId, String description) {
        String text = description == null ? "" : description.trim();
        int at = text.indexOf(SEPARATOR);
        if (at <= 0) {
            return new UnitDescription(unitId, text);
        }
        return new UnitDescription(text.substring(0, at).trim(), text.substring(at + SEPARATOR.length()).trim());
    }
}
