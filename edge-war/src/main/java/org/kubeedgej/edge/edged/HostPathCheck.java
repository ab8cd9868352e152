package org.kubeedgej.edge.edged;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hostPath volume's type check, as the kubelet does it before a container mounts the path: "" checks nothing,
 * DirectoryOrCreate/FileOrCreate create what is missing, Directory/File/Socket/CharDevice/BlockDevice must exist
 * as that kind of file.
 */
final class HostPathCheck {

    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET = 0140000;
    private static final int CHAR_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;

    private HostPathCheck() {
        throw new AssertionError();
    }

    /**
     * @param volumeName for messages
     * @param hostPath the volume source ({@code path}, {@code type})
     * @return the path on the node
     * @throws ContainerConfigException when the path is not absolute or not of its type
     */
    static Path check(String volumeName, JsonObject hostPath) throws ContainerConfigException {
        String text = hostPath.getString("path", "");
        String type = hostPath.getString("type", "");
        if (!text.startsWith("/")) {
            throw new ContainerConfigException("hostPath volume \"" + volumeName + "\": path \"" + text
                    + "\" is not absolute");
        }
        Path path = Path.of(text).normalize();
        try {
            switch (type) {
                case "" -> { }
                case "DirectoryOrCreate" -> Files.createDirectories(path);
                case "FileOrCreate" -> {
                    if (!Files.exists(path)) {
                        Files.createDirectories(path.getParent());
                        Files.createFile(path);
                    }
                    expect(volumeName, path, type, Files.isRegularFile(path));
                }
                case "Directory" -> expect(volumeName, path, type, Files.isDirectory(path));
                case "File" -> expect(volumeName, path, type, Files.isRegularFile(path));
                case "Socket" -> expect(volumeName, path, type, fileType(path) == SOCKET);
                case "CharDevice" -> expect(volumeName, path, type, fileType(path) == CHAR_DEVICE);
                case "BlockDevice" -> expect(volumeName, path, type, fileType(path) == BLOCK_DEVICE);
                default -> throw new ContainerConfigException("hostPath volume \"" + volumeName + "\": unknown type \""
                        + type + "\"");
            }
        } catch (IOException e) {
            throw new ContainerConfigException("hostPath volume \"" + volumeName + "\": cannot prepare " + path
                    + " (" + type + "): " + e);
        }
        return path;
    }

    private static void expect(String volumeName, Path path, String type, boolean ok) throws ContainerConfigException {
        if (!ok) {
            throw new ContainerConfigException("hostPath volume \"" + volumeName + "\": " + path + " is not a "
                    + type + (type.endsWith("OrCreate") ? "" : " (it must exist on the node)"));
        }
    }

    private static int fileType(Path path) throws IOException {
        return Files.exists(path) ? ((Integer) Files.getAttribute(path, "unix:mode")) & TYPE_MASK : -1;
    }
}
