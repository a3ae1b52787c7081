package dev.cutover.app;

import java.security.SecureRandom;

/**
 * Request ids: 16 characters of Crockford base32 from a secure random source (80 bits), since the
 * id is all a button carries and must not be guessable.
 */
final class RequestIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {}

    static String next() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
