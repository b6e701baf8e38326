package day2ops.journal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All fields of the journal's current entry, in the order libsystemd returns them. One instance per
 * {@link Journal}, refilled after each move: the bytes are copied from the mapped journal file into one
 * reusable array, names are interned, and {@link FieldValue} views are reused, so reading entries
 * allocates nothing once the buffers have grown to the largest entry.
 *
 * <p>Fields may repeat (journald allows several values per name); {@link #first(String)} returns the
 * first, iterate by index for all. Valid until the journal moves, like {@link FieldValue}.
 */
public final class JournalEntry {

    private final FieldValue.Moves moves;
    private byte[] arena = new byte[16 * 1024];
    private String[] names = new String[32];
    private FieldValue[] values = new FieldValue[32];
    private int size;
    private long loadedAt = -1;

    JournalEntry(FieldValue.Moves moves) {
        this.moves = moves;
    }

    /** Called by the journal: makes room and records one {@code NAME=value} field of {@code length} bytes. */
    byte[] reserve(int used, int length) {
        if (used + length > arena.length) {
            byte[] bigger = new byte[Math.max(arena.length * 2, used + length)];
            System.arraycopy(arena, 0, bigger, 0, used);
            // Views already handed out for this entry point at the old array: re-point them.
            for (int i = 0; i < size; i++) {
                values[i].repoint(arena, bigger);
            }
            arena = bigger;
        }
        return arena;
    }

    void add(String name, int valueOffset, int valueLength) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        FieldValue view = values[size];
        if (view == null) {
            view = new FieldValue(moves);
            values[size] = view;
        }
        view.point(arena, valueOffset, valueLength);
        names[size] = name;
        size++;
    }

    /** Starts refilling; the entry reads as not loaded until {@link #loaded()} (a failed load stays invalid). */
    void reset() {
        size = 0;
        loadedAt = -1;
    }

    void loaded() {
        loadedAt = moves.count;
    }

    boolean isLoaded() {
        return loadedAt == moves.count;
    }

    private void checkCurrent() {
        if (loadedAt != moves.count) {
            throw new IllegalStateException("journal entry read after the journal moved; call journal.entry() again");
        }
    }

    /** Number of fields, counting repeated names separately. */
    public int size() {
        checkCurrent();
        return size;
    }

    /** Name of field {@code index}; the same {@code String} instance for the same name on this journal. */
    public String name(int index) {
        checkCurrent();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("field " + index + " of " + size);
        }
        return names[index];
    }

    public FieldValue value(int index) {
        checkCurrent();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("field " + index + " of " + size);
        }
        return values[index];
    }

    /** The first value of {@code name}, or {@code null} if the entry has no such field. */
    public FieldValue first(String name) {
        checkCurrent();
        for (int i = 0; i < size; i++) {
            String n = names[i];
            if (n == name || n.equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** A detached copy: field name to every value (bytes) in entry order. */
    public Map<String, List<byte[]>> copy() {
        checkCurrent();
        Map<String, List<byte[]>> copy = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            copy.computeIfAbsent(names[i], n -> new ArrayList<>(1)).add(values[i].toByteArray());
        }
        return copy;
    }
}
