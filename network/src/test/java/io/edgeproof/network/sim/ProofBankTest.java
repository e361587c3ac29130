package io.edgeproof.network.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeproof.ledger.Address;
import io.edgeproof.network.JobResult;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's proof bank: what is put is found again after reopening; torn or corrupted records are not. */
class ProofBankTest {
    @TempDir
    Path dir;

    private static final Address NODE = new Address(new byte[20]);

    private static byte[] key(int i) {
        byte[] k = new byte[32];
        k[0] = (byte) i;
        return k;
    }

    private static JobResult.Proved submission(int i) {
        byte[] proof = new byte[1_000 + i];
        Arrays.fill(proof, (byte) i);
        return new JobResult.Proved(i, NODE, proof, new int[] {i, -i, 7});
    }

    @Test
    void submissionsAreFoundUnderTheirKeyAfterReopening() {
        try (ProofBank bank = ProofBank.open(dir)) {
            bank.put(key(1), submission(1));
            bank.put(key(2), submission(2));
            bank.put(key(1), submission(3));
        }
        try (ProofBank bank = ProofBank.open(dir)) {
            assertThat(bank.size()).isEqualTo(2);
            JobResult.Proved found = bank.find(key(1), 9, NODE).orElseThrow();
            assertThat(found.jobId()).isEqualTo(9);
            assertThat(found.proof()).isEqualTo(submission(1).proof());
            assertThat(found.outputs()).containsExactly(1, -1, 7);
            assertThat(bank.find(key(3), 9, NODE)).isEmpty();
        }
    }

    @Test
    void tornLastRecordIsCutOffAndTheBankStaysAppendable() throws Exception {
        try (ProofBank bank = ProofBank.open(dir)) {
            bank.put(key(1), submission(1));
            bank.put(key(2), submission(2));
        }
        Path file = dir.resolve(ProofBank.FILE);
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size - 10);
        }
        try (ProofBank bank = ProofBank.open(dir)) {
            assertThat(bank.size()).isOne();
            assertThat(bank.find(key(2), 2, NODE)).isEmpty();
            bank.put(key(2), submission(2));
        }
        try (ProofBank bank = ProofBank.open(dir)) {
            assertThat(bank.find(key(2), 2, NODE).orElseThrow().proof()).isEqualTo(submission(2).proof());
        }
    }

    @Test
    void recordWithAFlippedByteIsNotReturned() throws Exception {
        try (ProofBank bank = ProofBank.open(dir)) {
            bank.put(key(1), submission(1));
        }
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(ProofBank.FILE).toFile(), "rw")) {
            f.seek(500);
            int b = f.read();
            f.seek(500);
            f.write(b ^ 1);
        }
        try (ProofBank bank = ProofBank.open(dir)) {
            assertThat(bank.find(key(1), 1, NODE)).isEmpty();
        }
    }
}
