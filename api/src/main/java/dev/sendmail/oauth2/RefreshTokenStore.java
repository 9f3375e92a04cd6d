package dev.sendmail.oauth2;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.util.Optional;

/**
 * Where the long-lived refresh token of one account is kept. {@link RefreshTokenFile} keeps it in a file only its
 * owner can read; a library user may keep it in a key store instead. Implementations must make
 * {@link #replace(Secret)} atomic: a reader sees the old token or the new one, never a mix or nothing.
 */
public interface RefreshTokenStore {

    /**
     * The stored refresh token.
     *
     * @return the token, or empty when none was stored yet
     * @throws IOException when the store cannot be read, or is readable by others
     */
    Optional<Secret> read() throws IOException;

    /**
     * Stores a new refresh token in place of the old one (after a login, or when the token endpoint rotates it).
     *
     * @param token the new refresh token
     * @throws IOException when it cannot be stored
     */
    void replace(Secret token) throws IOException;

    /**
     * Where the token is kept, for messages (a file name, never the token).
     *
     * @return one line
     */
    String describe();
}
