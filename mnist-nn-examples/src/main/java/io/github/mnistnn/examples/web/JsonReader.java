package io.github.mnistnn.examples.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of JSON (RFC 8259) for request bodies: objects become {@code Map<String, Object>} (in order),
 * arrays {@code List<Object>}, numbers {@code Double}, and strings, booleans and {@code null} themselves. Anything
 * else (a trailing comma, {@code NaN}, a duplicate key, nesting deeper than {@value #MAX_DEPTH}) is refused with
 * an {@link ApiException} that gives the character offset.
 *
 * <pre>{@code
 * Map<String, Object> body = JsonReader.object("{\"pixels\": [0, 0.5, 1]}");
 * }</pre>
 */
final class JsonReader {
    /** The deepest nesting of arrays and objects accepted. */
    static final int MAX_DEPTH = 16;

    private final String text;
    private int at;
    private int depth;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * Reads a JSON object.
     *
     * @param text the whole body
     * @return its members
     * @throws ApiException (400) if the text is not one JSON object
     */
    static Map<String, Object> object(String text) {
        JsonReader reader = new JsonReader(text);
        reader.space();
        if (reader.at >= text.length() || text.charAt(reader.at) != '{') {
            throw reader.malformed("a JSON object");
        }
        Object value = reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw reader.malformed("the end of the body");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) value;
        return members;
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw malformed("a value");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return members();
            case '[':
                return elements();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw malformed("a value");
        }
    }

    private Map<String, Object> members() {
        enter();
        at++;
        Map<String, Object> members = new LinkedHashMap<>();
        space();
        if (peek('}')) {
            at++;
            depth--;
            return members;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw malformed("a member name in quotes");
            }
            int nameAt = at;
            String name = string();
            space();
            expect(':');
            if (members.containsKey(name)) {
                throw new ApiException(400, name, "the member '" + name + "' appears twice (at character "
                        + nameAt + ")");
            }
            members.put(name, value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                depth--;
                return members;
            }
        }
    }

    private List<Object> elements() {
        enter();
        at++;
        List<Object> elements = new ArrayList<>();
        space();
        if (peek(']')) {
            at++;
            depth--;
            return elements;
        }
        while (true) {
            elements.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                depth--;
                return elements;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                at--;
                throw malformed("an escaped control character");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw malformed("four hex digits");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw malformed("four hex digits");
                    }
                    at += 4;
                }
                default -> {
                    at--;
                    throw malformed("an escape such as \\n or \\u0041");
                }
            }
        }
        throw malformed("the closing quote of a string");
    }

    private Double number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        if (peek('0')) {
            at++;
        } else if (!digits()) {
            throw malformed("a digit");
        }
        if (peek('.')) {
            at++;
            if (!digits()) {
                throw malformed("a digit after the decimal point");
            }
        }
        if (peek('e') || peek('E')) {
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            if (!digits()) {
                throw malformed("a digit in the exponent");
            }
        }
        return Double.parseDouble(text.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw malformed("a value");
        }
        at += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new ApiException(400, null, "the JSON nests deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw malformed("'" + c + "'");
        }
        at++;
    }

    private ApiException malformed(String expected) {
        String found = at >= text.length() ? "the end" : "'" + text.charAt(at) + "'";
        return new ApiException(400, null, "malformed JSON at character " + at + ": expected " + expected
                + ", found " + found);
    }
}
