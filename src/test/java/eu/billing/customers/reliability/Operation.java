package eu.billing.customers.reliability;

import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One operation of the API as the OpenAPI document names it: a method and a path template. */
record Operation(String method, String path) implements Comparable<Operation> {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    /** {@code "GET /v1/customers/{id}"}. */
    static Operation of(String text) {
        String[] parts = text.trim().split("\\s+", 2);
        return new Operation(parts[0].toUpperCase(Locale.ROOT), parts[1]);
    }

    boolean hasPathVariables() {
        return path.contains("{");
    }

    boolean writes() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The path with every {@code {name}} replaced by {@code valueOf.apply(name)}. */
    String fill(UnaryOperator<String> valueOf) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(valueOf.apply(m.group(1))));
        }
        return m.appendTail(out).toString();
    }

    @Override
    public int compareTo(Operation other) {
        return (path + " " + method).compareTo(other.path + " " + other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
