package io.github.mnistnn.examples.web;

import java.util.Locale;

/**
 * Writes JSON text: objects and arrays opened and closed in order, members and elements separated for the
 * caller, strings escaped, non-finite numbers refused (JSON has none).
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().name("status").value("ok").endObject().toString();
 * }</pre>
 */
final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    private boolean first = true;

    JsonWriter beginObject() {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray() {
        separate();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    /** A member's name; its value follows. */
    JsonWriter name(String name) {
        separate();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        first = false;
        return this;
    }

    JsonWriter value(long value) {
        separate();
        out.append(value);
        first = false;
        return this;
    }

    JsonWriter value(boolean value) {
        separate();
        out.append(value);
        first = false;
        return this;
    }

    JsonWriter value(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON has no " + value);
        }
        separate();
        out.append(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value));
        first = false;
        return this;
    }

    /** A measured figure, {@code null} where it is not finite (the loss of a run that diverged, say). */
    JsonWriter figure(double value) {
        if (Double.isFinite(value)) {
            return value(value);
        }
        separate();
        out.append("null");
        first = false;
        return this;
    }

    /** Another writer's whole value (an object, say) as this one's next value. */
    JsonWriter raw(JsonWriter value) {
        separate();
        out.append(value.out);
        first = false;
        return this;
    }

    /** An array of numbers. */
    JsonWriter values(double[] values) {
        beginArray();
        for (double v : values) {
            value(v);
        }
        return endArray();
    }

    private void separate() {
        if (!first) {
            out.append(',');
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
