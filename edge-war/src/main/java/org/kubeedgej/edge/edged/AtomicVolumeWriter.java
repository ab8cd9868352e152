package org.kubeedgej.edge.edged;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the files of a ConfigMap, Secret or projected volume so a running container sees each update whole, as the
 * kubelet's AtomicWriter does: the files go into a fresh hidden directory {@code ..<n>}, the symlink {@code ..data}
 * is switched to it in one rename, and each visible entry is a relative symlink through {@code ..data}. The
 * container has the volume directory bind-mounted, so the switch is visible at once; a subPath mount, bound to one
 * resolved file, keeps the content it started with (kubelet semantics).
 */
final class AtomicVolumeWriter {

    static final String DATA_LINK = "..data";

    private AtomicVolumeWriter() {
        throw new AssertionError();
    }

    /** A file to write: its bytes and permission bits (e.g. 0644). */
    record FileContent(byte[] bytes, int mode) {}

    /**
     * @param dir the volume directory (created if missing)
     * @param payload relative path (already validated) to content
     * @throws IOException when the files cannot be written; the previous content stays in place
     */
    static void write(Path dir, Map<String, FileContent> payload) throws IOException {
        Files.createDirectories(dir);
        Path fresh = Files.createTempDirectory(dir, "..");
        for (Map.Entry<String, FileContent> e : payload.entrySet()) {
            Path file = fresh.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue().bytes());
            Files.setPosixFilePermissions(file, permissions(e.getValue().mode()));
        }
        Files.setPosixFilePermissions(fresh, permissions(0755));
        Path tmpLink = dir.resolve("..data_tmp");
        Files.deleteIfExists(tmpLink);
        Files.createSymbolicLink(tmpLink, fresh.getFileName());
        Files.move(tmpLink, dir.resolve(DATA_LINK), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Set<String> visible = new HashSet<>();
        payload.keySet().forEach(p -> visible.add(Path.of(p).getName(0).toString()));
        for (String name : visible) {
            Path link = dir.resolve(name);
            Path target = Path.of(DATA_LINK, name);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                continue;
            }
            deleteTree(link);
            try {
                Files.createSymbolicLink(link, target);
            } catch (FileAlreadyExistsException raced) {
                // Another writer of the same volume got there first with the same link.
            }
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                boolean hidden = name.startsWith("..");
                if (hidden ? !name.equals(DATA_LINK) && !entry.equals(fresh) : !visible.contains(name)) {
                    deleteTree(entry);
                }
            }
        }
    }

    /** Deletes a file, a symlink (not what it points to) or a directory tree; absent is fine. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(root)) {
                List<Path> all = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            }
        } else {
            Files.deleteIfExists(root);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
