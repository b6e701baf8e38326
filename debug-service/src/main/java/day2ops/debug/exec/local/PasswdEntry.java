package day2ops.debug.exec.local;

import java.util.Optional;

/** One {@code /etc/passwd} line: enough to run a command as that user. */
record PasswdEntry(String name, long uid, long gid, String home) {

    /**
     * Finds {@code user} (a name, or a numeric uid) in the text of an {@code /etc/passwd} file.
     * Malformed lines are skipped, as libc does.
     */
    static Optional<PasswdEntry> find(String passwd, String user) {
        for (String line : passwd.split("\n")) {
            String[] fields = line.split(":", -1);
            if (fields.length < 7 || line.startsWith("#")) {
                continue;
            }
            try {
                PasswdEntry entry = new PasswdEntry(fields[0], Long.parseLong(fields[2]), Long.parseLong(fields[3]), fields[5]);
                if (entry.name.equals(user) || Long.toString(entry.uid).equals(user)) {
                    return Optional.of(entry);
                }
            } catch (NumberFormatException e) {
                // not a valid entry; libc ignores it too
            }
        }
        return Optional.empty();
    }
}
