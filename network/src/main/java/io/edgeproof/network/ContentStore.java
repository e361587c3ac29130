package io.edgeproof.network;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Models and inputs by their SHA-256. Writes are idempotent (same bytes, same name); readers check what
 * they fetch against the name ({@link ContentHash#names}), so a store — or a transport — cannot substitute.
 */
public final class ContentStore {
    private final ConcurrentHashMap<ContentHash, byte[]> objects = new ConcurrentHashMap<>();

    public ContentHash put(byte[] content) {
        ContentHash h = ContentHash.of(content);
        objects.putIfAbsent(h, content.clone());
        return h;
    }

    public Optional<byte[]> get(ContentHash hash) {
        byte[] b = objects.get(hash);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    public int size() {
        return objects.size();
    }
}
