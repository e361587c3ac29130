package io.edgeproof.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models and inputs by their SHA-256. Writes are idempotent (same bytes, same name); readers check what
 * they fetch against the name ({@link ContentHash#names}), so a store — or a transport — cannot substitute.
 * In memory by default; {@link #onDisk} keeps one file per object instead (written to a temporary file,
 * fsynced, renamed, directory fsynced), so a gateway restarted after a crash still holds everything it
 * acknowledged.
 */
public final class ContentStore {
    private final ConcurrentHashMap<ContentHash, byte[]> objects = new ConcurrentHashMap<>();
    private final Path dir;

    public ContentStore() {
        this.dir = null;
    }

    private ContentStore(Path dir) {
        this.dir = dir;
    }

    /** A store whose objects are the files {@code dir/<sha256 hex>}; the directory is created if missing. */
    public static ContentStore onDisk(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the content store " + dir, e);
        }
        return new ContentStore(dir);
    }

    public ContentHash put(byte[] content) {
        ContentHash h = ContentHash.of(content);
        if (dir == null) {
            objects.putIfAbsent(h, content.clone());
        } else if (!Files.isRegularFile(dir.resolve(h.hex()))) {
            writeDurably(dir.resolve(h.hex()), content);
        }
        return h;
    }

    public Optional<byte[]> get(ContentHash hash) {
        if (dir != null) {
            return readFile(hash);
        }
        byte[] b = objects.get(hash);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** A file whose bytes do not hash to its name (tampered with on disk) counts as absent. */
    private Optional<byte[]> readFile(ContentHash hash) {
        try {
            byte[] b = Files.readAllBytes(dir.resolve(hash.hex()));
            return hash.names(b) ? Optional.of(b) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + hash + " from the content store", e);
        }
    }

    private static void writeDurably(Path file, byte[] content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + Thread.currentThread().threadId());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                d.force(true); // the rename is durable only once the directory entry is
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file.getFileName() + " in the content store", e);
        }
    }
}
