package dev.forecourt.edge;

/**
 * A part of a configuration that could not start for a reason the operator fixes (a certificate file that holds no
 * certificate, an images directory that is not there), not a bug: its message is one line naming the part, and a
 * command prints that line alone. The cause is kept for a debugger.
 */
public final class CannotStart extends Exception {
    public CannotStart(String culprit, Exception cause) {
        super(culprit + ": " + reason(cause), cause);
    }

    /** The exception's message, and its cause's when that says something more (Netty's PEM errors keep the why there). */
    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage())) {
            m += " (" + c.getMessage() + ")";
        }
        return m.replace('\n', ' ');
    }
}
