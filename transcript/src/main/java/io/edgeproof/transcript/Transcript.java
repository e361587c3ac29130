package io.edgeproof.transcript;

import io.edgeproof.field.Ext3;
import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.Parallel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Fiat-Shamir transcript: a hash chain over labelled, length-prefixed messages.
 *
 * <p>Opening one requires a {@link DomainSeparator} and the full {@link PublicStatement}; both are absorbed
 * before the transcript is returned, so every challenge depends on every public value. Every absorb
 * replaces the 32-byte state with H(state || tag || label || length || data); a challenge first ratchets
 * the state with its label, then expands it in counter mode. Field elements are drawn by rejection
 * sampling of 64-bit words, so they are uniform (a word is rejected with probability 2^-32).
 *
 * <p>Prover and verifier must perform the same sequence of calls; protocols share the code that does so.
 * Not thread-safe.
 */
public final class Transcript implements StatementBinder {
    private static final byte TAG_DOMAIN = 1;
    private static final byte TAG_ABSORB = 2;
    private static final byte TAG_SQUEEZE = 3;
    private static final byte TAG_EXPAND = 4;
    private static final byte TAG_WORK = 5;
    /** Nonces tried per parallel round of grinding: large enough to amortise the fork, small enough to stop soon. */
    private static final int GRIND_BATCH = 1 << 13;

    private final HashFunction hash;
    private final Hasher hasher;
    private byte[] state = new byte[Hasher.DIGEST_BYTES];
    private final byte[] block = new byte[Hasher.DIGEST_BYTES];
    private int blockPos = Hasher.DIGEST_BYTES;
    private long blockCounter;

    private Transcript(HashFunction hash) {
        this.hash = hash;
        this.hasher = hash.newHasher();
    }

    /** Opens a SHA-256 transcript bound to the domain and the statement. */
    public static Transcript open(DomainSeparator domain, PublicStatement statement) {
        return open(domain, statement, HashFunction.SHA256);
    }

    public static Transcript open(DomainSeparator domain, PublicStatement statement, HashFunction hash) {
        Transcript t = new Transcript(hash);
        t.absorb(TAG_DOMAIN, domain.protocol(), intBytes(domain.version()));
        statement.bindTo(t);
        return t;
    }

    // ---- absorbing -------------------------------------------------------------------------------

    private void absorb(byte tag, String label, byte[] data) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        byte[] msg = new byte[state.length + 1 + 4 + l.length + 8 + data.length];
        int p = 0;
        System.arraycopy(state, 0, msg, p, state.length);
        p += state.length;
        msg[p++] = tag;
        p = putInt(msg, p, l.length);
        System.arraycopy(l, 0, msg, p, l.length);
        p += l.length;
        p = putLong(msg, p, data.length);
        System.arraycopy(data, 0, msg, p, data.length);
        byte[] next = new byte[Hasher.DIGEST_BYTES];
        hasher.hash(msg, 0, msg.length, next, 0);
        state = next;
        blockPos = Hasher.DIGEST_BYTES; // any buffered challenge bytes are stale now
    }

    @Override
    public Transcript bytes(String label, byte[] data) {
        absorb(TAG_ABSORB, label, data);
        return this;
    }

    @Override
    public Transcript u64(String label, long value) {
        byte[] b = new byte[8];
        putLong(b, 0, value);
        absorb(TAG_ABSORB, label, b);
        return this;
    }

    @Override
    public Transcript base(String label, long element) {
        return bases(label, new long[] {element});
    }

    @Override
    public Transcript bases(String label, long[] elements) {
        byte[] b = new byte[8 * elements.length];
        for (int i = 0; i < elements.length; i++) {
            putLong(b, 8 * i, elements[i]);
        }
        absorb(TAG_ABSORB, label, b);
        return this;
    }

    @Override
    public Transcript ext(String label, Ext3 element) {
        return bases(label, new long[] {element.c0(), element.c1(), element.c2()});
    }

    @Override
    public Transcript exts(String label, long[] interleaved) {
        return bases(label, interleaved);
    }

    // ---- challenges ------------------------------------------------------------------------------

    private void ratchet(String label) {
        absorb(TAG_SQUEEZE, label, new byte[0]);
        blockCounter = 0;
    }

    private long nextWord() {
        if (blockPos + 8 > Hasher.DIGEST_BYTES) {
            byte[] msg = new byte[state.length + 1 + 8];
            System.arraycopy(state, 0, msg, 0, state.length);
            msg[state.length] = TAG_EXPAND;
            putLong(msg, state.length + 1, blockCounter++);
            hasher.hash(msg, 0, msg.length, block, 0);
            blockPos = 0;
        }
        long v = getLong(block, blockPos);
        blockPos += 8;
        return v;
    }

    private long uniformBase() {
        while (true) {
            long w = nextWord();
            if (Goldilocks.isCanonical(w)) {
                return w;
            }
        }
    }

    /** A uniform base-field challenge. */
    public long challengeBase(String label) {
        ratchet(label);
        return uniformBase();
    }

    /** A uniform extension-field challenge. */
    public Ext3 challengeExt(String label) {
        ratchet(label);
        return Ext3.of(uniformBase(), uniformBase(), uniformBase());
    }

    /** {@code count} uniform extension challenges, interleaved. */
    public long[] challengeExts(String label, int count) {
        ratchet(label);
        long[] out = new long[3 * count];
        for (int i = 0; i < out.length; i++) {
            out[i] = uniformBase();
        }
        return out;
    }

    /** {@code count} independent uniform indices in [0, bound), e.g. query positions. */
    public int[] challengeIndices(String label, int count, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("index bound must be positive");
        }
        ratchet(label);
        long limit = (1L << 32) - ((1L << 32) % bound); // reject the top partial range: exact uniformity
        int[] out = new int[count];
        for (int i = 0; i < count; ) {
            long w = nextWord();
            for (int half = 0; half < 2 && i < count; half++) {
                long v = (w >>> (32 * half)) & 0xFFFF_FFFFL;
                if (v < limit) {
                    out[i++] = (int) (v % bound);
                }
            }
        }
        return out;
    }

    // ---- proof of work ---------------------------------------------------------------------------

    /**
     * Prover side of grinding: finds a nonce whose hash with the current state has {@code bits} leading
     * zero bits, absorbs it and returns it. Each bit of work adds one bit of security to the queries that
     * follow, at 2^bits hashes of prover time.
     */
    public long grind(int bits) {
        checkWorkBits(bits);
        long nonce = bits == 0 ? 0 : smallestWorkingNonce(bits);
        u64("pow-nonce", nonce);
        return nonce;
    }

    /**
     * Scans batches of nonces on all cores, each worker with its own hasher. Within a batch the smallest
     * working nonce wins, so the nonce (hence the proof) does not depend on the number of threads.
     */
    private long smallestWorkingNonce(int bits) {
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        for (long start = 0; ; start += GRIND_BATCH) {
            long base = start;
            Parallel.forRange(GRIND_BATCH, GRIND_BATCH / 8, (from, to) -> {
                WorkCheck check = new WorkCheck(hash.newHasher(), state);
                for (int i = from; i < to; i++) {
                    if (check.holds(bits, base + i)) {
                        best.accumulateAndGet(base + i, Math::min);
                        return;
                    }
                }
            });
            if (best.get() != Long.MAX_VALUE) {
                return best.get();
            }
        }
    }

    /** Verifier side of grinding: checks and absorbs the nonce. */
    public void verifyWork(int bits, long nonce) throws VerificationException {
        checkWorkBits(bits);
        if (!workHolds(bits, nonce)) {
            throw new VerificationException(TranscriptReason.INSUFFICIENT_WORK,
                    "nonce " + Long.toUnsignedString(nonce) + " has fewer than " + bits + " leading zero bits");
        }
        u64("pow-nonce", nonce);
    }

    private static void checkWorkBits(int bits) {
        if (bits < 0 || bits > 40) {
            throw new IllegalArgumentException("grinding bits must be in [0, 40], got " + bits);
        }
    }

    private boolean workHolds(int bits, long nonce) {
        return bits == 0 || new WorkCheck(hasher, state).holds(bits, nonce);
    }

    /** H(state || TAG_WORK || nonce) has {@code bits} leading zero bits; buffers reused across nonces. */
    private static final class WorkCheck {
        private final Hasher hasher;
        private final byte[] msg;
        private final byte[] digest = new byte[Hasher.DIGEST_BYTES];

        WorkCheck(Hasher hasher, byte[] state) {
            this.hasher = hasher;
            this.msg = new byte[state.length + 1 + 8];
            System.arraycopy(state, 0, msg, 0, state.length);
            msg[state.length] = TAG_WORK;
        }

        boolean holds(int bits, long nonce) {
            putLong(msg, msg.length - 8, nonce);
            hasher.hash(msg, 0, msg.length, digest, 0);
            long head = 0;
            for (int i = 0; i < 8; i++) {
                head = (head << 8) | (digest[i] & 0xFF);
            }
            return Long.numberOfLeadingZeros(head) >= bits;
        }
    }

    /** The current state, for tests that check two transcripts stayed in step. */
    public byte[] fingerprint() {
        return state.clone();
    }

    // ---- little-endian helpers -------------------------------------------------------------------

    private static byte[] intBytes(int v) {
        byte[] b = new byte[4];
        putInt(b, 0, v);
        return b;
    }

    private static int putInt(byte[] b, int p, int v) {
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
        return p + 4;
    }

    private static int putLong(byte[] b, int p, long v) {
        for (int i = 0; i < 8; i++) {
            b[p + i] = (byte) (v >>> (8 * i));
        }
        return p + 8;
    }

    private static long getLong(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[p + i] & 0xFFL) << (8 * i);
        }
        return v;
    }
}
