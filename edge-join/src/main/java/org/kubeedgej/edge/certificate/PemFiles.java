package org.kubeedgej.edge.certificate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * KubeEdge's PEM files, written so a reader never sees half a file: each goes to a temporary file in the same
 * directory, is flushed to disk, then renamed over the old one (rename within a directory is atomic on POSIX file
 * systems). Keys are readable by the owner only.
 */
public final class PemFiles {

    public static final String CERTIFICATE = "CERTIFICATE";
    /** SEC1, what KubeEdge writes ({@code keyutil.ECPrivateKeyBlockType}). */
    public static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";

    private PemFiles() {
        throw new AssertionError();
    }

    /**
     * @param type the block type, e.g. {@link #CERTIFICATE}
     * @param der the block's content
     * @return the PEM text, 64 characters a line
     */
    public static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /**
     * Writes {@code file} atomically, creating its directory.
     *
     * @param file the target
     * @param type the PEM block type
     * @param der the content
     * @param secret whether only the owner may read it (keys)
     * @throws IOException when the directory or file cannot be written
     */
    public static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
        Path temp = prepare(file, type, der, secret);
        commit(temp, file);
    }

    /**
     * Writes a node's key and certificate, both complete before either replaces the old one; the key goes first, so
     * the window in which a new key and an old certificate are on disk is two renames long. Readers in EdgeCore take
     * a lock besides (the rotation holds it while it swaps).
     *
     * @param certFile server.crt
     * @param certDer the certificate
     * @param keyFile server.key
     * @param keySec1 the key, SEC1 DER
     * @throws IOException when a file cannot be written (the old pair then stays in place)
     */
    public static void writeKeyPair(Path certFile, byte[] certDer, Path keyFile, byte[] keySec1) throws IOException {
        Path key = prepare(keyFile, EC_PRIVATE_KEY, keySec1, true);
        Path cert;
        try {
            cert = prepare(certFile, CERTIFICATE, certDer, false);
        } catch (IOException e) {
            Files.deleteIfExists(key);
            throw e;
        }
        commit(key, keyFile);
        commit(cert, certFile);
    }

    private static Path prepare(Path file, String type, byte[] der, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(temp, encode(type, der), StandardCharsets.US_ASCII);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return temp;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static void commit(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
