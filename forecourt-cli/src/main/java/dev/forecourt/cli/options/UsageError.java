package dev.forecourt.cli.options;

/** Arguments the verb does not take (an unknown option, a missing value, a bad number): exit 2 with the verb's usage. */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }
}
