package app.pdeck.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Checks a backup against its manifest: each file exists inside the backup, its SHA-256 matches, the BSON stream
 * holds exactly the recorded number of documents and each of them parses, and each metadata file is valid JSON with
 * an index list.
 */
public final class BackupVerifier {

    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    public Verification verify(Path dir, Manifest manifest) {
        return verify(StoredFiles.plain(dir), manifest);
    }

    /** Reads every file through {@code files}: an encrypted backup is decrypted while read, never onto disk. */
    Verification verify(StoredFiles files, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        long documents = 0;
        for (Manifest.Entry entry : manifest.collections()) {
            try {
                documents += checkBson(files, entry);
                checkMetadata(files, entry);
            } catch (IOException | RuntimeException e) {
                problems.add(entry.name() + ": " + e.getMessage());
            }
        }
        return new Verification(manifest.id(), problems.isEmpty(), documents, List.copyOf(problems));
    }

    /**
     * The quick check a restore request makes before anything starts: every file is there and has its recorded
     * SHA-256 (no document parsing).
     */
    public Verification checkHashes(Path dir, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Manifest.Entry entry : manifest.collections()) {
            for (String[] file : List.of(new String[] {entry.bsonFile(), entry.bsonSha256()},
                    new String[] {entry.metadataFile(), entry.metadataSha256()})) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(resolve(dir, file[0])),
                        BackupFiles.sha256())) {
                    MessageDigest digest = ((DigestInputStream) in).getMessageDigest();
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                    String sha = BackupFiles.hex(digest.digest());
                    if (!sha.equals(file[1])) {
                        problems.add(file[0] + " has SHA-256 " + sha + ", the manifest says " + file[1]);
                    }
                } catch (IOException e) {
                    problems.add(entry.name() + ": " + e.getMessage());
                }
            }
        }
        return new Verification(manifest.id(), problems.isEmpty(), manifest.totalDocuments(), List.copyOf(problems));
    }

    /** The path of a file named in a manifest, refusing names that leave the backup directory. */
    static Path resolve(Path dir, String relative) throws IOException {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new IOException("manifest names a file outside the backup: " + relative);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing file " + relative);
        }
        return file;
    }

    private static long checkBson(StoredFiles files, Manifest.Entry entry) throws IOException {
        MessageDigest digest = BackupFiles.sha256();
        long count = 0;
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(files.open(entry.bsonFile()), 1 << 16),
                digest);
             InputStream in = new GZIPInputStream(raw, 1 << 16)) {
            RawBsonDocument document;
            while ((document = BackupFiles.read(in)) != null) {
                document.decode(CODEC);
                count++;
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String sha = BackupFiles.hex(digest.digest());
        if (!sha.equals(entry.bsonSha256())) {
            throw new IOException(entry.bsonFile() + " has SHA-256 " + sha + ", the manifest says "
                    + entry.bsonSha256());
        }
        if (count != entry.count()) {
            throw new IOException(entry.bsonFile() + " holds " + count + " documents, the manifest says "
                    + entry.count());
        }
        return count;
    }

    private static void checkMetadata(StoredFiles files, Manifest.Entry entry) throws IOException {
        BsonDocument metadata = readMetadata(files, entry);
        if (!metadata.containsKey("indexes") || !metadata.get("indexes").isArray()) {
            throw new IOException(entry.metadataFile() + " has no index list");
        }
    }

    /** Reads and checks (SHA-256) a collection's metadata file. */
    static BsonDocument readMetadata(StoredFiles files, Manifest.Entry entry) throws IOException {
        byte[] compressed;
        try (InputStream in = files.open(entry.metadataFile())) {
            compressed = in.readAllBytes();
        }
        String sha = BackupFiles.hex(BackupFiles.sha256().digest(compressed));
        if (!sha.equals(entry.metadataSha256())) {
            throw new IOException(entry.metadataFile() + " has SHA-256 " + sha + ", the manifest says "
                    + entry.metadataSha256());
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed))) {
            return BsonDocument.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(entry.metadataFile() + " is not valid Extended JSON: " + e.getMessage(), e);
        }
    }
}
