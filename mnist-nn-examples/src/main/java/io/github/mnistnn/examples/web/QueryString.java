package io.github.mnistnn.examples.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a request's query, {@code a=1&b=two}, decoded; a parameter given twice is refused.
 *
 * <pre>{@code
 * Map<String, String> q = QueryString.parse("model=keras-cnn&background=black");
 * }</pre>
 */
final class QueryString {
    private QueryString() {
    }

    static Map<String, String> parse(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, null, "the query is not URL-encoded: " + raw);
            }
            if (params.put(name, value) != null) {
                throw new ApiException(400, name, "the query gives " + name + " twice");
            }
        }
        return params;
    }

    /** An integer parameter in [min, max], or the default when absent. */
    static int intIn(Map<String, String> params, String name, int min, int max, int otherwise) {
        String value = params.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ApiException(400, name, name + " must be a whole number from " + min + " to " + max + ", got '"
                + value + "'");
    }
}
