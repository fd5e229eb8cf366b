package dev.featurestore.cli.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV as RFC 4180 writes it (and pandas, Excel): fields separated by commas, quoted with {@code "} when they hold a
 * comma, a quote (doubled) or a line break; lines ending in LF or CRLF.
 */
public final class Csv {
    private Csv() {
    }

    /** Reads records one at a time, knowing the line each starts on. */
    public static final class Reader implements AutoCloseable {
        private final java.io.Reader in;
        private int line = 1;
        private int recordLine;
        private int pushedBack = -2;

        public Reader(java.io.Reader in) {
            this.in = in;
        }

        /** The next record's fields, or null at the end. Blank lines are skipped. */
        public List<String> next() throws IOException {
            while (true) {
                int first = read();
                if (first == -1) {
                    return null;
                }
                if (first == '\n') {
                    line++;
                    continue;
                }
                if (first == '\r') {
                    continue;
                }
                recordLine = line;
                unread(first);
                return record();
            }
        }

        /** The line the last record started on, counted from 1. */
        public int line() {
            return recordLine;
        }

        private List<String> record() throws IOException {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            while (true) {
                int c = read();
                if (quoted) {
                    if (c == -1) {
                        throw new IOException("line %d: a quoted field is not closed".formatted(recordLine));
                    }
                    if (c == '"') {
                        int next = read();
                        if (next == '"') {
                            field.append('"');
                        }
                        else {
                            quoted = false;
                            unread(next);
                        }
                    }
                    else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                    continue;
                }
                if (c == '"' && field.isEmpty() && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                }
                else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                }
                else if (c == '\n' || c == -1) {
                    if (c == '\n') {
                        line++;
                    }
                    fields.add(field.toString());
                    return fields;
                }
                else if (c != '\r') {
                    field.append((char) c);
                }
            }
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        private void unread(int c) {
            pushedBack = c;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** One record, each field quoted when it must be, ending with a line break. */
    public static String line(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int index = 0; index < fields.size(); index++) {
            if (index > 0) {
                line.append(',');
            }
            String field = fields.get(index);
            if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
                line.append('"').append(field.replace("\"", "\"\"")).append('"');
            }
            else {
                line.append(field);
            }
        }
        return line.append('\n').toString();
    }

    /** Opens a reader; the byte-order mark some tools write first is skipped. */
    public static Reader open(java.io.Reader in) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(in, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return new Reader(pushback);
    }
}
