package org.kubeedgej.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned columns, printed as Markdown so it can go into docs as it is. */
final class ReportTable {

    private final String[] headings;
    private final List<String[]> rows = new ArrayList<>();

    ReportTable(String... headings) {
        this.headings = headings;
    }

    void add(Object... cells) {
        String[] row = new String[headings.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = i < cells.length ? String.valueOf(cells[i]) : "";
        }
        rows.add(row);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out) {
        int[] widths = new int[headings.length];
        for (int i = 0; i < headings.length; i++) {
            widths[i] = headings[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println(line(headings, widths));
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append("-".repeat(width + 1)).append(":|");
        }
        out.println(rule);
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(" ".repeat(widths[i] - cells[i].length())).append(cells[i]).append(" |");
        }
        return line.toString();
    }

    /** @return bytes as MiB with no decimals, or "?" */
    static String mib(long bytes) {
        return bytes < 0 ? "?" : String.valueOf(Math.round(bytes / 1048576.0));
    }
}
