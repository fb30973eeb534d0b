package io.jgan.tensor.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors JSON header straight from a byte stream, in one pass, into exactly what the
 * format allows: an object whose values are either the {@code __metadata__} string map or tensor
 * descriptions {@code {dtype, shape, data_offsets}}. Nothing else is accepted, so no generic tree of
 * boxed values is ever built: a 100 MiB header of numbers fails at its first unexpected token, and
 * every structure it keeps is capped (tensors, rank, digits, bytes of retained strings) before it
 * is allocated, as the reference reader bounds its own header.
 */
final class HeaderParser {
    /** Most tensors one file may describe. */
    static final int MAX_TENSORS = 1 << 16;
    /** Most dimensions of one tensor. */
    static final int MAX_RANK = 32;
    /** Most metadata entries. */
    static final int MAX_METADATA = 1 << 12;
    /** Most bytes of names and metadata text kept in memory, all strings together. */
    static final long MAX_STRING_BYTES = 8L << 20;
    private static final int MAX_DIGITS = 19; // every non-negative long fits; Long.MAX_VALUE has 19 digits

    /** One tensor's description, with its offsets relative to the data section. */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    /** The parsed header: tensors in file order and the metadata. */
    record Header(List<Entry> entries, Map<String, String> metadata) {}

    private final String file;
    private final InputStream in;
    private final long length;
    private long pos;
    private int peeked = -2; // -2: nothing peeked
    private long stringBytes;

    private HeaderParser(String file, InputStream in, long length) {
        this.file = file;
        this.in = in;
        this.length = length;
    }

    /**
     * @param file the file's name, for messages
     * @param in the header bytes (buffered by the caller); exactly {@code length} are read
     * @param length the header length
     * @return the header
     * @throws SafetensorsFormatException if the header is not a valid safetensors header
     * @throws IOException if reading fails
     */
    static Header parse(String file, InputStream in, long length) throws IOException {
        HeaderParser p = new HeaderParser(file, in, length);
        return p.header();
    }

    private SafetensorsFormatException err(String what) {
        return new SafetensorsFormatException(file, "header JSON at byte " + Math.max(0, pos - 1) + ": " + what);
    }

    private int next() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        if (pos >= length) {
            pos++;
            return -1;
        }
        int c = in.read();
        if (c < 0) {
            throw new SafetensorsFormatException(file, "file ended inside the header");
        }
        pos++;
        return c;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = next();
        }
        return peeked;
    }

    /** Skips whitespace; returns the next significant byte without consuming it (-1 at the end). */
    private int peekToken() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                next();
            } else {
                return c;
            }
        }
    }

    private void expect(char c) throws IOException {
        int got = peekToken();
        if (got != c) {
            next();
            throw err("expected '" + c + "', found " + describe(got));
        }
        next();
    }

    private static String describe(int c) {
        return c < 0 ? "the end of the header" : c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
    }

    private Header header() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        boolean sawMetadata = false;
        if (peekToken() != '{') {
            throw err("header is not a JSON object");
        }
        next();
        if (peekToken() == '}') {
            next();
        } else {
            while (true) {
                String key = string();
                expect(':');
                if (key.equals("__metadata__")) {
                    if (sawMetadata) {
                        throw err("duplicate key \"__metadata__\"");
                    }
                    sawMetadata = true;
                    metadata(metadata);
                } else {
                    if (!names.add(key)) {
                        throw err("duplicate tensor \"" + key + "\"");
                    }
                    if (entries.size() >= MAX_TENSORS) {
                        throw err("more than " + MAX_TENSORS + " tensors");
                    }
                    entries.add(tensor(key));
                }
                if (comma('}')) {
                    break;
                }
            }
        }
        if (peekToken() != -1) {
            throw err("trailing characters after the header object");
        }
        return new Header(entries, metadata);
    }

    /** @return true at the closing bracket, false after a comma */
    private boolean comma(char close) throws IOException {
        int c = peekToken();
        next();
        if (c == ',') {
            return false;
        }
        if (c == close) {
            return true;
        }
        throw err("expected ',' or '" + close + "', found " + describe(c));
    }

    private void metadata(Map<String, String> out) throws IOException {
        expect('{');
        if (peekToken() == '}') {
            next();
            return;
        }
        while (true) {
            String k = string();
            expect(':');
            if (peekToken() != '"') {
                throw err("__metadata__ value of \"" + k + "\" is not a string");
            }
            String v = string();
            if (out.put(k, v) != null) {
                throw err("duplicate __metadata__ key \"" + k + "\"");
            }
            if (out.size() > MAX_METADATA) {
                throw err("more than " + MAX_METADATA + " __metadata__ entries");
            }
            if (comma('}')) {
                return;
            }
        }
    }

    private Entry tensor(String name) throws IOException {
        if (peekToken() != '{') {
            throw err("entry \"" + name + "\" is not an object");
        }
        next();
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        if (peekToken() == '}') {
            next();
        } else {
            while (true) {
                String field = string();
                expect(':');
                switch (field) {
                    case "dtype" -> {
                        if (dtype != null) {
                            throw err("tensor \"" + name + "\" has two dtypes");
                        }
                        if (peekToken() != '"') {
                            throw err("tensor \"" + name + "\" dtype is not a string");
                        }
                        dtype = string();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw err("tensor \"" + name + "\" has two shapes");
                        }
                        shape = integers(name, "shape", MAX_RANK);
                    }
                    case "data_offsets" -> {
                        if (offsets != null) {
                            throw err("tensor \"" + name + "\" has two data_offsets");
                        }
                        offsets = integers(name, "data_offsets", 2);
                        if (offsets.length != 2) {
                            throw err("tensor \"" + name + "\" needs data_offsets [begin, end]");
                        }
                    }
                    default -> throw err("tensor \"" + name + "\" has an unknown field \"" + field + "\"");
                }
                if (comma('}')) {
                    break;
                }
            }
        }
        if (dtype == null) {
            throw err("tensor \"" + name + "\" has no dtype");
        }
        if (shape == null) {
            throw err("tensor \"" + name + "\" has no shape list");
        }
        if (offsets == null) {
            throw err("tensor \"" + name + "\" needs data_offsets [begin, end]");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A list of at most {@code max} non-negative integers. */
    private long[] integers(String name, String field, int max) throws IOException {
        if (peekToken() != '[') {
            throw err("tensor \"" + name + "\" " + field + " is not a list");
        }
        next();
        long[] out = new long[max];
        int n = 0;
        if (peekToken() == ']') {
            next();
            return new long[0];
        }
        while (true) {
            if (n == max) {
                throw err("tensor \"" + name + "\" " + field + " has more than " + max + " entries");
            }
            out[n++] = integer(name, field);
            if (comma(']')) {
                return java.util.Arrays.copyOf(out, n);
            }
        }
    }

    private long integer(String name, String field) throws IOException {
        int c = peekToken();
        if (c < '0' || c > '9') {
            throw err("tensor \"" + name + "\" " + field + " holds " + describe(c) + ", not a non-negative integer");
        }
        long v = 0;
        int digits = 0;
        while (true) {
            c = peek();
            if (c < '0' || c > '9') {
                break;
            }
            next();
            if (digits == 1 && v == 0) {
                throw err("tensor \"" + name + "\" " + field + ": a number with a leading zero");
            }
            if (++digits > MAX_DIGITS) {
                throw err("tensor \"" + name + "\" " + field + ": a number of more than " + MAX_DIGITS + " digits");
            }
            v = v * 10 + (c - '0');
            if (v < 0) {
                throw err("tensor \"" + name + "\" " + field + ": a number beyond 64 bits");
            }
        }
        if (c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+') {
            throw err("tensor \"" + name + "\" " + field + " holds a non-integer number");
        }
        return v;
    }

    /** A JSON string, decoded as strict UTF-8; its bytes count against the retained-string budget. */
    private String string() throws IOException {
        int c = peekToken();
        if (c != '"') {
            next();
            throw err("expected a string, found " + describe(c));
        }
        next();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        StringBuilder escaped = null; // built only when the string has escapes
        while (true) {
            c = next();
            if (c < 0) {
                throw err("unterminated string");
            }
            if (++stringBytes > MAX_STRING_BYTES) {
                throw err("names and metadata exceed " + (MAX_STRING_BYTES >> 20) + " MiB");
            }
            if (c == '"') {
                String s = decode(raw.toByteArray());
                return escaped == null ? s : escaped.append(s).toString();
            }
            if (c < 0x20) {
                throw err("control character in a string");
            }
            if (c != '\\') {
                raw.write(c);
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder();
            }
            escaped.append(decode(raw.toByteArray()));
            raw.reset();
            int e = next();
            switch (e) {
                case '"' -> escaped.append('"');
                case '\\' -> escaped.append('\\');
                case '/' -> escaped.append('/');
                case 'b' -> escaped.append('\b');
                case 'f' -> escaped.append('\f');
                case 'n' -> escaped.append('\n');
                case 'r' -> escaped.append('\r');
                case 't' -> escaped.append('\t');
                case 'u' -> {
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(next(), 16);
                        if (d < 0) {
                            throw err("bad \\u escape");
                        }
                        v = v * 16 + d;
                    }
                    stringBytes += 4;
                    escaped.append((char) v);
                }
                default -> throw err("bad escape \\" + describe(e));
            }
        }
    }

    private String decode(byte[] bytes) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw err("header is not UTF-8");
        }
    }
}
