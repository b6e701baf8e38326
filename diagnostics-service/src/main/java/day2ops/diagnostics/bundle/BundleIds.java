package day2ops.diagnostics.bundle;

import jakarta.ws.rs.BadRequestException;
import java.util.regex.Pattern;

/** Bundle ids name directories under the bundle dir, so only a plain file-name alphabet is accepted. */
public final class BundleIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private BundleIds() {
    }

    /** {@code id} unchanged, or a 400 saying what is wrong with it. */
    public static String validate(String id) {
        if (id == null || !ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
            throw new BadRequestException("bundle id '" + printable(id)
                    + "' is invalid: it must be 1 to 128 characters of A-Z a-z 0-9 . _ - and not '.' or '..'");
        }
        return id;
    }

    private static String printable(String id) {
        if (id == null) {
            return "";
        }
        String shown = id.length() > 140 ? id.substring(0, 140) + "…" : id;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
