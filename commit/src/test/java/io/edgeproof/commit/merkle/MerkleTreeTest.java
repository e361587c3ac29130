package io.edgeproof.commit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeproof.field.Goldilocks;
import io.edgeproof.field.codec.MalformedProofException;
import io.edgeproof.field.codec.ProofReader;
import io.edgeproof.field.codec.ProofWriter;
import io.edgeproof.transcript.HashFunction;
import io.edgeproof.transcript.VerificationException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
    private static final HashFunction H = HashFunction.SHA256;

    private static long[] rows(int leaves, int rowLongs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] r = new long[leaves * rowLongs];
        for (int i = 0; i < r.length; i++) {
            r[i] = Goldilocks.reduce64(rnd.nextLong());
        }
        return r;
    }

    private static void assertRejected(byte[] root, MerkleShape shape, int[] idx, MerkleMultiProof p, MerkleReason reason) {
        assertThatThrownBy(() -> MerkleVerifier.verify(root, shape, idx, p, H))
                .isInstanceOf(VerificationException.class)
                .extracting(e -> ((VerificationException) e).reason()).isEqualTo(reason);
    }

    @Test
    void opensAnySubsetOfLeavesAtEverySize() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int log = 0; log <= 11; log++) {
            int leaves = 1 << log;
            MerkleTree tree = MerkleTree.build(rows(leaves, 3, log), 3, H);
            for (int trial = 0; trial < 5; trial++) {
                int[] q = new int[1 + rnd.nextInt(20)];
                for (int i = 0; i < q.length; i++) {
                    q[i] = rnd.nextInt(leaves);
                }
                int[] idx = MerkleTree.sortedDistinct(q);
                MerkleMultiProof p = tree.open(idx);
                MerkleVerifier.verify(tree.root(), tree.shape(), idx, p, H);
                assertThat(p.siblingCount()).isLessThanOrEqualTo(idx.length * log);
            }
        }
    }

    @Test
    void sortedDistinctSortsAndDropsRepeats() {
        assertThat(MerkleTree.sortedDistinct(new int[0])).isEmpty();
        assertThat(MerkleTree.sortedDistinct(new int[] {7})).containsExactly(7);
        assertThat(MerkleTree.sortedDistinct(new int[] {5, 1, 5, 3, 1, 1})).containsExactly(1, 3, 5);
        SplittableRandom rnd = new SplittableRandom(4);
        int[] q = new int[200];
        java.util.TreeSet<Integer> expected = new java.util.TreeSet<>();
        for (int i = 0; i < q.length; i++) {
            q[i] = rnd.nextInt(64);
            expected.add(q[i]);
        }
        int[] before = q.clone();
        assertThat(MerkleTree.sortedDistinct(q)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        assertThat(q).as("input left as it was").isEqualTo(before);
    }

    @Test
    void sharesSiblingsBetweenNeighbouringLeaves() {
        MerkleTree tree = MerkleTree.build(rows(16, 1, 2), 1, H);
        assertThat(tree.open(new int[] {0, 1, 2, 3}).siblingCount()).isEqualTo(2);
        assertThat(tree.open(new int[] {5}).siblingCount()).isEqualTo(4);
        assertThat(tree.open(new int[] {0, 8}).siblingCount()).isEqualTo(6);
    }

    @Test
    void parallelBuildMatchesTheSequentialDefinition() {
        long[] r = rows(1 << 12, 2, 3);
        MerkleTree tree = MerkleTree.build(r, 2, H);
        LeafHasher h = new LeafHasher(H.newHasher(), 2, 0);
        byte[][] level = new byte[1 << 12][32];
        for (int i = 0; i < level.length; i++) {
            h.leaf(r, i, new byte[0], 0, level[i], 0);
        }
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][32];
            for (int i = 0; i < up.length; i++) {
                h.node(level[2 * i], 0, level[2 * i + 1], 0, up[i], 0);
            }
            level = up;
        }
        assertThat(tree.root()).isEqualTo(level[0]);
    }

    @Test
    void rejectsTamperedLeaf() {
        MerkleTree tree = MerkleTree.build(rows(64, 4, 4), 4, H);
        int[] idx = {3, 17, 40};
        MerkleMultiProof p = tree.open(idx);
        long[] bad = p.rows().clone();
        bad[5] = Goldilocks.add(bad[5], 1);
        assertRejected(tree.root(), tree.shape(), idx, new MerkleMultiProof(bad, p.salts(), p.siblings()), MerkleReason.ROOT_MISMATCH);
    }

    @Test
    void rejectsTamperedSibling() {
        MerkleTree tree = MerkleTree.build(rows(64, 4, 5), 4, H);
        int[] idx = {3, 17, 40};
        MerkleMultiProof p = tree.open(idx);
        for (int i = 0; i < p.siblings().length; i += 7) {
            byte[] bad = p.siblings().clone();
            bad[i] ^= 1;
            assertRejected(tree.root(), tree.shape(), idx, new MerkleMultiProof(p.rows(), p.salts(), bad), MerkleReason.ROOT_MISMATCH);
        }
    }

    @Test
    void rejectsOpeningPresentedForAnotherIndex() {
        MerkleTree tree = MerkleTree.build(rows(64, 1, 6), 1, H);
        MerkleMultiProof p = tree.open(new int[] {10, 33});
        assertRejected(tree.root(), tree.shape(), new int[] {11, 33}, p, MerkleReason.ROOT_MISMATCH);
        assertRejected(tree.root(), tree.shape(), new int[] {10, 64}, p, MerkleReason.INDEX_OUT_OF_RANGE);
        assertRejected(tree.root(), tree.shape(), new int[] {33, 10}, p, MerkleReason.INDEX_OUT_OF_RANGE);
    }

    @Test
    void rejectsWrongRoot() {
        MerkleTree tree = MerkleTree.build(rows(64, 1, 7), 1, H);
        MerkleTree other = MerkleTree.build(rows(64, 1, 8), 1, H);
        int[] idx = {9};
        assertRejected(other.root(), tree.shape(), idx, tree.open(idx), MerkleReason.ROOT_MISMATCH);
    }

    @Test
    void rejectsTruncatedOrPaddedPath() {
        MerkleTree tree = MerkleTree.build(rows(64, 1, 9), 1, H);
        int[] idx = {9, 50};
        MerkleMultiProof p = tree.open(idx);
        byte[] shorter = Arrays.copyOf(p.siblings(), p.siblings().length - 32);
        byte[] longer = Arrays.copyOf(p.siblings(), p.siblings().length + 32);
        assertRejected(tree.root(), tree.shape(), idx, new MerkleMultiProof(p.rows(), p.salts(), shorter), MerkleReason.PATH_LENGTH_MISMATCH);
        assertRejected(tree.root(), tree.shape(), idx, new MerkleMultiProof(p.rows(), p.salts(), longer), MerkleReason.PATH_LENGTH_MISMATCH);
    }

    @Test
    void rejectsMissingRow() {
        MerkleTree tree = MerkleTree.build(rows(64, 2, 10), 2, H);
        int[] idx = {9, 50};
        MerkleMultiProof p = tree.open(idx);
        long[] fewer = Arrays.copyOf(p.rows(), 2);
        assertRejected(tree.root(), tree.shape(), idx, new MerkleMultiProof(fewer, p.salts(), p.siblings()), MerkleReason.SHAPE_MISMATCH);
    }

    @Test
    void saltedTreesHideRowsAndStillVerify() throws Exception {
        long[] r = rows(32, 2, 11);
        MerkleTree a = MerkleTree.build(r, 2, H, 16, new SplittableRandom(1));
        MerkleTree b = MerkleTree.build(r, 2, H, 16, new SplittableRandom(2));
        assertThat(a.root()).isNotEqualTo(b.root());
        int[] idx = {4, 5, 30};
        MerkleMultiProof p = a.open(idx);
        MerkleVerifier.verify(a.root(), a.shape(), idx, p, H);
        byte[] badSalt = p.salts().clone();
        badSalt[0] ^= 1;
        assertRejected(a.root(), a.shape(), idx, new MerkleMultiProof(p.rows(), badSalt, p.siblings()), MerkleReason.ROOT_MISMATCH);
    }

    @Test
    void serializedOpeningRoundTripsAndTruncationIsMalformed() throws Exception {
        MerkleTree tree = MerkleTree.build(rows(64, 3, 12), 3, H, 8, new SplittableRandom(3));
        int[] idx = {1, 2, 60};
        MerkleMultiProof p = tree.open(idx);
        ProofWriter w = new ProofWriter();
        p.write(w);
        byte[] bytes = w.toByteArray();
        ProofReader r = new ProofReader(bytes);
        MerkleMultiProof back = MerkleMultiProof.read(r, tree.shape(), 3);
        r.expectEnd("opening");
        MerkleVerifier.verify(tree.root(), tree.shape(), idx, back, H);
        for (int cut = 0; cut < bytes.length; cut++) {
            ProofReader t = new ProofReader(Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> MerkleMultiProof.read(t, tree.shape(), 3)).isInstanceOf(MalformedProofException.class);
        }
        assertThatThrownBy(() -> MerkleMultiProof.read(new ProofReader(bytes), tree.shape(), 2))
                .isInstanceOf(MalformedProofException.class);
    }
}
