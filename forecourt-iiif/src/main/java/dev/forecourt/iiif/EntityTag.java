package dev.forecourt.iiif;

import java.util.HexFormat;

/**
 * The entity tag of an info.json or a derivative: 128 bits of a hash of what makes it (engine, source version, request,
 * public id, limits), as 32 hex digits in quotes. Two 64-bit FNV-1a lanes over the parts' chars (no copy of them per
 * request), with different offsets, each finished by MurmurHash3's mixer: a tag must change with what it tags, and
 * need not stand up to a forger, so not SHA-256, whose first use loads the JDK's security providers (20..30 ms of a
 * start's first answer, measured).
 */
final class EntityTag {
    private static final long PRIME = 0x100000001b3L;

    private EntityTag() {}

    static String of(String... parts) {
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                a = (a ^ c) * PRIME;
                b = (b ^ c ^ 0x5c) * PRIME;
            }
            a = (a ^ 0x10000) * PRIME; // no char is 0x10000: ("ab", "c") and ("a", "bc") differ
            b = (b ^ 0x10000) * PRIME;
        }
        HexFormat hex = HexFormat.of();
        return "\"" + hex.toHexDigits(mix(a)) + hex.toHexDigits(mix(b ^ a)) + "\"";
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }
}
