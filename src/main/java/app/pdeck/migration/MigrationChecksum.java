package app.pdeck.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a migration's compiled code: the bytes of its {@code .class} file and of its nested and anonymous
 * classes, read from the class loader. Any change to what the migration does changes them; so can a change that
 * moves lines (the class file keeps line numbers) or a different compiler, which is why drift can be repaired.
 * The first 8 bytes (magic and class-file version) are left out, so raising the bytecode level alone is no drift.
 */
final class MigrationChecksum {

    private static final int HEADER_BYTES = 8;
    private static final int MAX_ANONYMOUS = 64;

    private MigrationChecksum() {
    }

    static String of(Migration migration) {
        return of(userClass(migration.getClass()));
    }

    static String of(Class<?> type) {
        MessageDigest sha256 = sha256();
        for (Class<?> part : parts(type)) {
            byte[] bytes = classBytes(part.getClassLoader(), part.getName());
            if (bytes == null) {
                throw new IllegalStateException("cannot read the class file of " + part.getName());
            }
            sha256.update(part.getName().getBytes(StandardCharsets.UTF_8));
            sha256.update(bytes, HEADER_BYTES, Math.max(0, bytes.length - HEADER_BYTES));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The class a developer wrote, not a CDI client proxy or subclass generated around it. */
    static Class<?> userClass(Class<?> type) {
        Class<?> current = type;
        while (current.getSuperclass() != null && (current.isSynthetic() || current.getName().contains("$Proxy$")
                || current.getName().contains("$$"))) {
            current = current.getSuperclass();
        }
        return current;
    }

    private static List<Class<?>> parts(Class<?> type) {
        List<Class<?>> parts = new ArrayList<>();
        collect(type, parts);
        return parts;
    }

    private static void collect(Class<?> type, List<Class<?>> parts) {
        parts.add(type);
        for (Class<?> nested : type.getDeclaredClasses()) {
            collect(nested, parts);
        }
        // Anonymous classes are not reported by getDeclaredClasses(); javac numbers them $1, $2, …
        for (int i = 1; i <= MAX_ANONYMOUS; i++) {
            String name = type.getName() + "$" + i;
            if (classBytes(type.getClassLoader(), name) == null) {
                break;
            }
            try {
                collect(Class.forName(name, false, type.getClassLoader()), parts);
            } catch (ClassNotFoundException e) {
                break;
            }
        }
    }

    private static byte[] classBytes(ClassLoader loader, String className) {
        String resource = className.replace('.', '/') + ".class";
        ClassLoader effective = loader != null ? loader : ClassLoader.getSystemClassLoader();
        try (InputStream in = effective.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
