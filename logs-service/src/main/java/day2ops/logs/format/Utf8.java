package day2ops.logs.format;

/**
 * systemd's notion of a printable UTF-8 value ({@code utf8_is_printable_newline}): valid UTF-8 of
 * valid code points and no control characters except tab (and newline when allowed). Values that
 * are not printable go out as byte arrays (JSON) or length-prefixed (export format), as journalctl does.
 */
public final class Utf8 {

    private Utf8() {
    }

    public static boolean printable(byte[] b, int offset, int length, boolean allowNewline) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                if ((c < 0x20 && c != '\t' && (c != '\n' || !allowNewline)) || c == 0x7f) {
                    return false;
                }
                i++;
                continue;
            }
            int n;
            int cp;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 2;
                cp = c & 0x1f;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 3;
                cp = c & 0x0f;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 4;
                cp = c & 0x07;
            } else {
                return false;
            }
            if (i + n > end) {
                return false;
            }
            for (int k = 1; k < n; k++) {
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    return false;
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
                return false;
            }
            if (!validCodePoint(cp) || (cp >= 0x80 && cp <= 0x9f)) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** systemd's {@code unichar_is_valid}: no surrogates, no non-characters. */
    private static boolean validCodePoint(int cp) {
        if ((cp & 0xfffff800) == 0xd800) {
            return false;
        }
        if (cp >= 0xfdd0 && cp <= 0xfdef) {
            return false;
        }
        return (cp & 0xfffe) != 0xfffe;
    }
}
