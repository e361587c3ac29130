package io.edgeproof.network.sim;

import io.edgeproof.ledger.Address;
import io.edgeproof.network.JobResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Node submissions (proof bytes and claimed outputs) kept on disk under a key that names everything the
 * proof is bound to (see {@link NetworkBench#submissionKey}), so that a rerun of the network bench takes its
 * proofs from here instead of proving them again. The bank is only a store: what it returns still goes
 * through the gateway and the ledger's verifier like any other submission.
 *
 * <p>One append-only file of records {@code key (32) | outputs n (u32) | proof length (u32) | outputs (n x
 * i32) | proof | CRC-32 of the rest (u32)}. Opening walks the headers and cuts off a torn last record (a run
 * killed while writing); the CRC is checked on every read, and a record that fails it counts as absent.
 */
final class ProofBank implements AutoCloseable {
    static final String FILE = "submissions.bin";
    private static final int HEADER = 32 + 4 + 4;
    private static final int MAX_OUTPUTS = 1 << 20;
    private static final int MAX_PROOF = 1 << 26;

    private final FileChannel file;
    private final ConcurrentHashMap<String, Long> offsets = new ConcurrentHashMap<>();
    private long end;

    private ProofBank(FileChannel file) {
        this.file = file;
    }

    /** Opens (or creates) the bank in {@code dir}. */
    static ProofBank open(Path dir) {
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ProofBank bank = new ProofBank(ch);
            bank.index();
            return bank;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the proof bank in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void index() throws IOException {
        long size = file.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            header.clear();
            readFully(header, pos);
            header.flip();
            byte[] key = new byte[32];
            header.get(key);
            long length = recordLength(header.getInt(), header.getInt());
            if (length < 0 || pos + length > size) {
                break;
            }
            offsets.put(HexFormat.of().formatHex(key), pos);
            pos += length;
        }
        if (pos < size) {
            file.truncate(pos);
        }
        end = pos;
    }

    /** Bytes of a whole record, or -1 when the header's counts are out of range. */
    private static long recordLength(int outputs, int proofLength) {
        if (outputs < 0 || outputs > MAX_OUTPUTS || proofLength < 0 || proofLength > MAX_PROOF) {
            return -1;
        }
        return HEADER + 4L * outputs + proofLength + 4;
    }

    int size() {
        return offsets.size();
    }

    /** The submission stored under {@code key}, as {@code node}'s result for {@code jobId}. */
    Optional<JobResult.Proved> find(byte[] key, long jobId, Address node) {
        Long pos = offsets.get(HexFormat.of().formatHex(key));
        if (pos == null) {
            return Optional.empty();
        }
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            readFully(header, pos);
            header.flip().position(32);
            int outputs = header.getInt();
            int proofLength = header.getInt();
            ByteBuffer body = ByteBuffer.allocate((int) recordLength(outputs, proofLength) - HEADER);
            readFully(body, pos + HEADER);
            body.flip();
            CRC32 crc = new CRC32();
            crc.update(header.rewind());
            crc.update(body.slice(0, body.limit() - 4));
            if ((int) crc.getValue() != body.getInt(body.limit() - 4)) {
                return Optional.empty();
            }
            int[] out = new int[outputs];
            for (int i = 0; i < outputs; i++) {
                out[i] = body.getInt();
            }
            byte[] proof = new byte[proofLength];
            body.get(proof);
            return Optional.of(new JobResult.Proved(jobId, node, proof, out));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the proof bank failed: " + e.getMessage(), e);
        }
    }

    /** Appends the submission under {@code key} (a key already stored keeps its first submission). */
    synchronized void put(byte[] key, JobResult.Proved submission) {
        String name = HexFormat.of().formatHex(key);
        if (offsets.containsKey(name)) {
            return;
        }
        int[] outputs = submission.outputs();
        byte[] proof = submission.proof();
        ByteBuffer b = ByteBuffer.allocate((int) recordLength(outputs.length, proof.length));
        b.put(key).putInt(outputs.length).putInt(proof.length);
        for (int o : outputs) {
            b.putInt(o);
        }
        b.put(proof);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue()).flip();
        try {
            long pos = end;
            while (b.hasRemaining()) {
                pos += file.write(b, pos);
            }
            offsets.put(name, end);
            end = pos;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the proof bank failed: " + e.getMessage(), e);
        }
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = file.read(b, p);
            if (n < 0) {
                throw new IOException("the proof bank ends inside a record at " + p);
            }
            p += n;
        }
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the proof bank failed: " + e.getMessage(), e);
        }
    }
}
