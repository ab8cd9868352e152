package org.kubeedgej.edge.metaserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bearer token MetaServer asks for before it serves Secrets. MetaServer listens on loopback, so without it any
 * local process could read the node's Secrets; with it, only a process that can read the token file (owner-only,
 * 0600) can. KubeEdge's MetaServer checks a pod's ServiceAccount token against the cloud for the same reason; this
 * check also works offline. The file is made at first start with 32 random bytes, or an operator puts one there
 * (and mounts it into the pods that may read Secrets).
 */
public final class MetaServerToken {

    private static final String BEARER = "Bearer ";
    private static final int TOKEN_BYTES = 32;

    private final Path file;
    private final byte[] expected;

    private MetaServerToken(Path file, byte[] expected) {
        this.file = file;
        this.expected = expected;
    }

    /**
     * @param file where the token is kept
     * @return the token in the file, made first when there is none
     * @throws IOException when the file cannot be read or written
     */
    public static MetaServerToken loadOrCreate(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (!Files.exists(absolute)) {
            create(absolute);
        }
        String token = Files.readString(absolute, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException(absolute + " is empty; delete it and MetaServer makes a new token at its next start");
        }
        return new MetaServerToken(absolute, token.getBytes(StandardCharsets.UTF_8));
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[TOKEN_BYTES];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException madeMeanwhile) {
            return;
        }
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @return whether it carries this token
     */
    boolean permits(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] offered = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, offered);
    }

    /** @return the token file, for messages that tell a client where to read it */
    Path file() {
        return file;
    }
}
