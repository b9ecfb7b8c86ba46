package dev.r2dbcpg.core.protocol;

/**
 * The cancellation key of a session: the backend process id and the secret key (4 bytes under
 * protocol 3.0, up to 256 bytes under 3.2).
 */
public record BackendKeyData(int processId, byte[] secretKey) {

    /** Defensive copy: the array is never shared with a caller. */
    public BackendKeyData {
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }
}
