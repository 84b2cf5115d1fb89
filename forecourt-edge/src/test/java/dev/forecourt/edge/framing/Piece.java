package dev.forecourt.edge.framing;

/**
 * One stretch of a generated wire, named by the grammar choice that made it. The label is null for the plain choice,
 * so a counterexample names only the mutations it carries.
 */
record Piece(String label, String text) {
    static Piece plain(String text) {
        return new Piece(null, text);
    }
}
