package day2ops.journal;

import java.nio.charset.StandardCharsets;

import jnr.ffi.Pointer;

/**
 * A validated journal field name, encoded once. Keep instances in constants and pass them to
 * {@link Journal#get(FieldName)} in read loops: the name is then not re-encoded per call.
 *
 * <p>journald's rule: 1–64 characters of {@code A–Z}, {@code 0–9} and {@code _}, not starting with a
 * digit. Names starting with {@code _} are trusted fields that journald adds itself; they can be read
 * and matched, but {@link JournalWriter} refuses to send them.
 */
public final class FieldName {

    static final int MAX_LENGTH = 64;

    private final String name;
    private final byte[] bytes;
    private volatile Pointer nativeName;

    private FieldName(String name) {
        this.name = name;
        this.bytes = name.getBytes(StandardCharsets.US_ASCII);
    }

    public static FieldName of(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new FieldName(name);
    }

    /** Why {@code name} is not a valid field name, or {@code null} when it is. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "journal field name must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "journal field name longer than " + MAX_LENGTH + " characters: " + name;
        }
        if (name.charAt(0) >= '0' && name.charAt(0) <= '9') {
            return "journal field name must not start with a digit: " + name;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return "journal field name may only contain A-Z, 0-9 and _: " + name;
            }
        }
        return null;
    }

    public String name() {
        return name;
    }

    byte[] bytes() {
        return bytes;
    }

    Pointer nativeName(Native nat) {
        Pointer p = nativeName;
        if (p == null) {
            p = nat.allocate(bytes.length + 1);
            p.put(0, bytes, 0, bytes.length);
            p.putByte(bytes.length, (byte) 0);
            nativeName = p;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldName other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
