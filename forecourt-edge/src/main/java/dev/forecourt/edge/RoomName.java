package dev.forecourt.edge;

/** A room's name as {@code check} and {@code trace} list it: its class's name in kebab case ({@code HopStamp}: hop-stamp). */
final class RoomName {
    private RoomName() {}

    static String of(Object room, String unnamed) {
        Class<?> c = room.getClass();
        if (c.isSynthetic() || c.isAnonymousClass() || c.getSimpleName().contains("$")) {
            return unnamed; // a lambda: give it a class, or override name(), to have it listed by name
        }
        String s = c.getSimpleName();
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) b.append('-');
                b.append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
