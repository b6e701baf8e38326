package day2ops.cli.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table: a header row, columns separated by two spaces, left-aligned except the columns
 * marked numeric (right-aligned), no trailing blanks. Cell text is put on one line (newlines become spaces).
 */
public final class Table {

    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
        this.rightAligned = new boolean[header.length];
    }

    /** Right-aligns the given columns (0-based), as for numbers. */
    public Table rightAlign(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    public Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + header.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.replace('\n', ' ').replace('\r', ' ')).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int[] widths = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).codePointCount(0, row.get(i).length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                int pad = widths[i] - cell.codePointCount(0, cell.length());
                if (i > 0) {
                    line.append("  ");
                }
                if (rightAligned[i]) {
                    line.append(" ".repeat(pad)).append(cell);
                } else {
                    line.append(cell);
                    if (i < row.size() - 1) {
                        line.append(" ".repeat(pad));
                    }
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
