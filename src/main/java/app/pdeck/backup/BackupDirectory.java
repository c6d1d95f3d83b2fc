package app.pdeck.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The backup directory: one sub-directory per complete backup, named by its id (a UTC timestamp such as
 * {@code 20261125T020000123Z}) and holding {@code manifest.json}. Work in progress lives in hidden {@code .tmp-*}
 * directories, deletions in {@code .deleting-*}; neither is ever listed. Ids are checked against their exact
 * pattern before any path is built, so {@code ../} and friends cannot reach outside.
 */
public final class BackupDirectory {

    private static final Pattern ID = Pattern.compile("\\d{8}T\\d{9}Z");
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path root;

    public BackupDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    static String idFor(Instant instant) {
        return ID_FORMAT.format(instant);
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A complete backup's directory, or empty for an unknown, incomplete or malformed id. */
    public Optional<Path> find(String id) {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Path dir = root.resolve(id);
        return Files.isRegularFile(dir.resolve(Manifest.FILE)) ? Optional.of(dir) : Optional.empty();
    }

    /** Complete backups, newest first. A manifest that cannot be read is listed as nothing. */
    public List<Manifest> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Manifest> result = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String name = dir.getFileName().toString();
                if (isValidId(name)) {
                    readManifest(dir).ifPresent(result::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list backups in " + root, e);
        }
        result.sort(Comparator.comparing(Manifest::id).reversed());
        return result;
    }

    public Optional<Manifest> manifest(String id) {
        return find(id).flatMap(BackupDirectory::readManifest);
    }

    static Optional<Manifest> readManifest(Path dir) {
        Path file = dir.resolve(Manifest.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Manifest.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Bytes the backup takes on disk. */
    public long sizeOnDisk(String id) {
        Optional<Path> dir = find(id);
        if (dir.isEmpty()) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir.get())) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    Path temporaryDirectory(String id) throws IOException {
        Files.createDirectories(root);
        return Files.createDirectory(root.resolve(".tmp-" + id + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** Makes a finished backup visible in one atomic rename. */
    void publish(Path temporary, String id) throws IOException {
        Path target = root.resolve(id);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the backup directory " + root + " does not support atomic renames", e);
        }
    }

    /** Deletes a backup: first renamed out of sight, then removed. */
    public boolean delete(String id) {
        Optional<Path> dir = find(id);
        if (dir.isEmpty()) {
            return false;
        }
        Path doomed = root.resolve(".deleting-" + id + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            Files.move(dir.get(), doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete backup " + id, e);
        }
        deleteQuietly(doomed);
        return true;
    }

    /**
     * Keeps the newest {@code keep} backups; returns the ids deleted. Backups stamped before a migration run are
     * neither counted nor deleted: they stay until an admin deletes them.
     */
    public List<String> prune(int keep) {
        List<Manifest> all = list().stream().filter(m -> m.stamp() == null).toList();
        List<String> deleted = new ArrayList<>();
        for (Manifest old : all.subList(Math.min(keep, all.size()), all.size())) {
            if (delete(old.id())) {
                deleted.add(old.id());
            }
        }
        return deleted;
    }

    /**
     * Removes what interrupted backups and deletions left. Only called while holding the data-moving lock, so no other
     * backup is writing.
     */
    public int removeLeftovers() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                String name = dir.getFileName().toString();
                if (name.startsWith(".tmp-") || name.startsWith(".deleting-")) {
                    deleteQuietly(dir);
                    removed++;
                }
            }
        } catch (IOException e) {
            return removed;
        }
        return removed;
    }

    void deleteQuietly(Path dir) {
        if (!dir.toAbsolutePath().normalize().startsWith(root)) {
            throw new IllegalArgumentException(dir + " is outside " + root);
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Leftovers are removed by the next successful backup.
        }
    }
}
