package dev.forecourt.cli.options;

/** A positional parameter of a verb (a file, a URL), declared once; every one a verb declares is required. */
public record Parameter<T>(String label, String doc, ValueType<T> type) {
    public static <T> Parameter<T> of(ValueType<T> type, String label, String doc) {
        return new Parameter<>(label, doc, type);
    }
}
