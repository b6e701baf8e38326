package day2ops.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns field names straight from entry bytes, so each distinct name becomes a {@code String} once per
 * journal handle instead of once per field read. Open addressing over a power-of-two table.
 */
final class FieldNames {

    private byte[][] keys = new byte[256][];
    private String[] names = new String[256];
    private int[] hashes = new int[256];
    private int size;

    String intern(byte[] source, int offset, int length) {
        int hash = hash(source, offset, length);
        int mask = keys.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return insert(slot, hash, Arrays.copyOfRange(source, offset, offset + length));
            }
            if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, source, offset, offset + length)) {
                return names[slot];
            }
        }
    }

    private String insert(int slot, int hash, byte[] key) {
        // Field names are ASCII by journald's rules, but a damaged or foreign file may hold anything.
        String name = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        names[slot] = name;
        hashes[slot] = hash;
        if (++size * 2 > keys.length) {
            grow();
        }
        return name;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldNames = names;
        int[] oldHashes = hashes;
        keys = new byte[oldKeys.length * 2][];
        names = new String[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = oldHashes[i] & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                names[slot] = oldNames[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    private static int hash(byte[] source, int offset, int length) {
        int h = 0x811c9dc5;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = (h ^ source[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
