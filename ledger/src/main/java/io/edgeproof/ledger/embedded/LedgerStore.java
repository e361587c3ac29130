package io.edgeproof.ledger.embedded;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.EventType;
import io.edgeproof.ledger.Fault;
import io.edgeproof.ledger.JobState;
import io.edgeproof.ledger.LedgerEvent;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.NodeResources;
import io.edgeproof.ledger.NodeStatus;
import io.edgeproof.ledger.device.DeviceId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded ledger's tables in one SQLite file. Durability comes from SQLite's atomic commit: WAL
 * journal, synchronous=FULL (fsync at every commit), and an exclusive lock so that no second process can
 * open the same ledger and pay twice. Callers run every operation inside {@link #inTransaction}.
 */
final class LedgerStore implements AutoCloseable {
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS accounts (address BLOB PRIMARY KEY, balance INTEGER NOT NULL CHECK (balance >= 0))",
        "CREATE TABLE IF NOT EXISTS nodes (address BLOB PRIMARY KEY, stake INTEGER NOT NULL CHECK (stake >= 0),"
            + " status TEXT NOT NULL, reputation INTEGER NOT NULL, last_heartbeat INTEGER NOT NULL,"
            + " unbond_at INTEGER NOT NULL, active_jobs INTEGER NOT NULL, slashed_total INTEGER NOT NULL,"
            + " earned_total INTEGER NOT NULL, cores INTEGER NOT NULL, memory_mb INTEGER NOT NULL,"
            + " gpus INTEGER NOT NULL, storage_gb INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS node_models (address BLOB NOT NULL, model_id BLOB NOT NULL,"
            + " PRIMARY KEY (address, model_id))",
        "CREATE TABLE IF NOT EXISTS models (model_id BLOB PRIMARY KEY, owner BLOB NOT NULL,"
            + " verifier_key BLOB NOT NULL, registered_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, owner BLOB NOT NULL,"
            + " public_key BLOB NOT NULL, last_sequence INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY, requester BLOB NOT NULL, model_id BLOB NOT NULL,"
            + " input_digest BLOB NOT NULL, price INTEGER NOT NULL, posted_at INTEGER NOT NULL,"
            + " deadline INTEGER NOT NULL, escrow_held INTEGER NOT NULL CHECK (escrow_held >= 0),"
            + " state TEXT NOT NULL, node BLOB, attempts INTEGER NOT NULL, assignment_deadline INTEGER NOT NULL,"
            + " last_fault TEXT)",
        "CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, id)",
        "CREATE TABLE IF NOT EXISTS job_exclusions (job_id INTEGER NOT NULL, node BLOB NOT NULL,"
            + " PRIMARY KEY (job_id, node))",
        "CREATE TABLE IF NOT EXISTS accepted_proofs (proof_hash BLOB PRIMARY KEY, job_id INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
            + " type TEXT NOT NULL, job_id INTEGER NOT NULL, address BLOB, amount INTEGER NOT NULL, fault TEXT,"
            + " detail TEXT NOT NULL)",
        // Epoch rewards (EpochBook): totals per epoch, and each node's points in it.
        "CREATE TABLE IF NOT EXISTS epochs (epoch INTEGER PRIMARY KEY, verified_jobs INTEGER NOT NULL,"
            + " uptime_points INTEGER NOT NULL, closed INTEGER NOT NULL, work_emission INTEGER NOT NULL,"
            + " uptime_emission INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS epoch_points (epoch INTEGER NOT NULL, node BLOB NOT NULL,"
            + " verified_jobs INTEGER NOT NULL, uptime_points INTEGER NOT NULL, last_slot INTEGER NOT NULL,"
            + " claimed INTEGER NOT NULL, PRIMARY KEY (epoch, node))",
        // Challenges (ChallengeDesk): the proofs of paid jobs, kept to be re-verified, and the challenges.
        "CREATE TABLE IF NOT EXISTS paid_results (job_id INTEGER PRIMARY KEY, node BLOB NOT NULL,"
            + " proof BLOB NOT NULL, outputs BLOB NOT NULL, paid_at INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS challenges (job_id INTEGER PRIMARY KEY, challenger BLOB NOT NULL,"
            + " bond INTEGER NOT NULL, status TEXT NOT NULL, opened_at INTEGER NOT NULL, slashed INTEGER NOT NULL,"
            + " reward INTEGER NOT NULL)",
        // Feeds (FeedBook): budgets escrowed up front, spent one job per reading.
        "CREATE TABLE IF NOT EXISTS feeds (id INTEGER PRIMARY KEY, requester BLOB NOT NULL, model_id BLOB NOT NULL,"
            + " device_id TEXT NOT NULL, price INTEGER NOT NULL, lifetime INTEGER NOT NULL,"
            + " budget_posted INTEGER NOT NULL, budget_left INTEGER NOT NULL CHECK (budget_left >= 0),"
            + " jobs_opened INTEGER NOT NULL, open INTEGER NOT NULL, last_sequence INTEGER NOT NULL)",
    };
    private static final String NODE_COLUMNS = "address, stake, status, reputation, last_heartbeat, unbond_at,"
            + " active_jobs, slashed_total, earned_total, cores, memory_mb, gpus, storage_gb";
    private static final String JOB_COLUMNS = "id, requester, model_id, input_digest, price, posted_at, deadline,"
            + " escrow_held, state, node, attempts, assignment_deadline, last_fault";

    private final Connection conn;

    LedgerStore(Path file) {
        try {
            conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA busy_timeout = 500"); // a ledger held by another process fails fast
                s.execute("PRAGMA locking_mode = EXCLUSIVE");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            conn.setAutoCommit(false);
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the ledger at " + file + ": " + e.getMessage(), e);
        }
    }

    /** A unit of work that may read and write the tables. */
    interface Work<T> {
        T run() throws SQLException;
    }

    /** How deep the lock-holding thread is in {@link #inTransaction}: above 0, a call is a savepoint. */
    private int depth;

    /**
     * Runs {@code work} as one transaction: committed (and fsynced) in full, or rolled back on any throw.
     * Inside another transaction (a batch of calls) the work is a savepoint instead: undone alone if it
     * throws, committed with the outer transaction.
     */
    synchronized <T> T inTransaction(Work<T> work) {
        boolean outer = depth == 0;
        String savepoint = "nested_" + depth;
        depth++;
        try {
            if (!outer) {
                execute("SAVEPOINT " + savepoint);
            }
            T result = work.run();
            if (outer) {
                conn.commit();
            } else {
                execute("RELEASE " + savepoint);
            }
            return result;
        } catch (SQLException e) {
            undo(outer, savepoint, e);
            throw new IllegalStateException("ledger storage failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            undo(outer, savepoint, e);
            throw e;
        } finally {
            depth--;
        }
    }

    private void undo(boolean outer, String savepoint, Throwable cause) {
        try {
            if (outer) {
                conn.rollback();
            } else {
                execute("ROLLBACK TO " + savepoint);
                execute("RELEASE " + savepoint);
            }
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    // --- meta: configuration and running totals -------------------------------------------------------------

    Optional<Long> meta(String key) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    void putMeta(String key, long value) throws SQLException {
        update("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    void addTotal(String key, long delta) throws SQLException {
        putMeta(key, Math.addExact(meta(key).orElse(0L), delta));
    }

    long total(String key) throws SQLException {
        return meta(key).orElse(0L);
    }

    // --- accounts -------------------------------------------------------------------------------------------

    long balance(Address a) throws SQLException {
        return queryLong("SELECT balance FROM accounts WHERE address = ?", 0L, a.bytes());
    }

    void setBalance(Address a, long balance) throws SQLException {
        update("INSERT INTO accounts (address, balance) VALUES (?, ?)"
                + " ON CONFLICT (address) DO UPDATE SET balance = excluded.balance", a.bytes(), balance);
    }

    // --- nodes ----------------------------------------------------------------------------------------------

    Optional<NodeRow> node(Address a) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT " + NODE_COLUMNS + " FROM nodes WHERE address = ?")) {
            p.setBytes(1, a.bytes());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(nodeRow(r)) : Optional.empty();
            }
        }
    }

    List<NodeRow> nodesWithStatus(NodeStatus status) throws SQLException {
        List<NodeRow> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement(
                "SELECT " + NODE_COLUMNS + " FROM nodes WHERE status = ? ORDER BY address")) {
            p.setString(1, status.name());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(nodeRow(r));
                }
            }
        }
        return out;
    }

    void insertNode(NodeRow n) throws SQLException {
        NodeResources res = n.resources;
        update("INSERT INTO nodes (" + NODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                n.address.bytes(), n.stake, n.status.name(), n.reputation, n.lastHeartbeat, n.unbondAt,
                n.activeJobs, n.slashedTotal, n.earnedTotal, res.cores(), res.memoryMb(), res.gpus(), res.storageGb());
        for (ModelId m : res.models()) {
            update("INSERT INTO node_models (address, model_id) VALUES (?, ?)", n.address.bytes(), m.bytes());
        }
    }

    void updateNode(NodeRow n) throws SQLException {
        update("UPDATE nodes SET stake = ?, status = ?, reputation = ?, last_heartbeat = ?, unbond_at = ?,"
                + " active_jobs = ?, slashed_total = ?, earned_total = ? WHERE address = ?",
                n.stake, n.status.name(), n.reputation, n.lastHeartbeat, n.unbondAt, n.activeJobs, n.slashedTotal,
                n.earnedTotal, n.address.bytes());
    }

    private NodeRow nodeRow(ResultSet r) throws SQLException {
        Address a = new Address(r.getBytes(1));
        Set<ModelId> models = new HashSet<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT model_id FROM node_models WHERE address = ?")) {
            p.setBytes(1, a.bytes());
            try (ResultSet m = p.executeQuery()) {
                while (m.next()) {
                    models.add(new ModelId(m.getBytes(1)));
                }
            }
        }
        NodeRow n = new NodeRow(a, new NodeResources(r.getInt(10), r.getLong(11), r.getInt(12), r.getLong(13), models));
        n.stake = r.getLong(2);
        n.status = NodeStatus.valueOf(r.getString(3));
        n.reputation = r.getLong(4);
        n.lastHeartbeat = r.getLong(5);
        n.unbondAt = r.getLong(6);
        n.activeJobs = r.getInt(7);
        n.slashedTotal = r.getLong(8);
        n.earnedTotal = r.getLong(9);
        return n;
    }

    // --- models and devices ---------------------------------------------------------------------------------

    Optional<byte[]> verifierKey(ModelId model) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT verifier_key FROM models WHERE model_id = ?")) {
            p.setBytes(1, model.bytes());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    void insertModel(ModelId model, Address owner, byte[] verifierKey, long now) throws SQLException {
        update("INSERT INTO models (model_id, owner, verifier_key, registered_at) VALUES (?, ?, ?, ?)",
                model.bytes(), owner.bytes(), verifierKey, now);
    }

    /** The device's public key and the last sequence number it used (-1 before its first reading). */
    record DeviceRow(byte[] publicKey, long lastSequence) {}

    Optional<DeviceRow> device(DeviceId id) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement(
                "SELECT public_key, last_sequence FROM devices WHERE device_id = ?")) {
            p.setString(1, id.value());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new DeviceRow(r.getBytes(1), r.getLong(2))) : Optional.empty();
            }
        }
    }

    void insertDevice(DeviceId id, Address owner, byte[] publicKey) throws SQLException {
        update("INSERT INTO devices (device_id, owner, public_key, last_sequence) VALUES (?, ?, ?, -1)",
                id.value(), owner.bytes(), publicKey);
    }

    void setDeviceSequence(DeviceId id, long sequence) throws SQLException {
        update("UPDATE devices SET last_sequence = ? WHERE device_id = ?", sequence, id.value());
    }

    // --- jobs -----------------------------------------------------------------------------------------------

    Optional<JobRow> job(long id) throws SQLException {
        try (PreparedStatement p = conn.prepareStatement("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(jobRow(r)) : Optional.empty();
            }
        }
    }

    /** Open jobs (POSTED, ASSIGNED, FAULTED) in id order. */
    List<JobRow> openJobs() throws SQLException {
        List<JobRow> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT " + JOB_COLUMNS
                + " FROM jobs WHERE state IN ('POSTED', 'ASSIGNED', 'FAULTED') ORDER BY id")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(jobRow(r));
                }
            }
        }
        return out;
    }

    void insertJob(JobRow j) throws SQLException {
        update("INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", j.id,
                j.requester.bytes(), j.model.bytes(), j.inputDigest, j.price, j.postedAt, j.deadline, j.escrowHeld,
                j.state.name(), j.node == null ? null : j.node.bytes(), j.attempts, j.assignmentDeadline,
                j.lastFault == null ? null : j.lastFault.name());
    }

    void updateJob(JobRow j) throws SQLException {
        update("UPDATE jobs SET escrow_held = ?, state = ?, node = ?, attempts = ?, assignment_deadline = ?,"
                + " last_fault = ? WHERE id = ?", j.escrowHeld, j.state.name(), j.node == null ? null : j.node.bytes(),
                j.attempts, j.assignmentDeadline, j.lastFault == null ? null : j.lastFault.name(), j.id);
    }

    private static JobRow jobRow(ResultSet r) throws SQLException {
        JobRow j = new JobRow(r.getLong(1), new Address(r.getBytes(2)), new ModelId(r.getBytes(3)), r.getBytes(4),
                r.getLong(5), r.getLong(6), r.getLong(7));
        j.escrowHeld = r.getLong(8);
        j.state = JobState.valueOf(r.getString(9));
        byte[] node = r.getBytes(10);
        j.node = node == null ? null : new Address(node);
        j.attempts = r.getInt(11);
        j.assignmentDeadline = r.getLong(12);
        String fault = r.getString(13);
        j.lastFault = fault == null ? null : Fault.valueOf(fault);
        return j;
    }

    boolean excluded(long jobId, Address node) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM job_exclusions WHERE job_id = ? AND node = ?", 0L, jobId,
                node.bytes()) > 0;
    }

    void exclude(long jobId, Address node) throws SQLException {
        update("INSERT OR IGNORE INTO job_exclusions (job_id, node) VALUES (?, ?)", jobId, node.bytes());
    }

    /** The job a proof with this hash was accepted for, or -1. */
    long acceptedProofJob(byte[] proofHash) throws SQLException {
        return queryLong("SELECT job_id FROM accepted_proofs WHERE proof_hash = ?", -1L, proofHash);
    }

    void acceptProof(byte[] proofHash, long jobId) throws SQLException {
        update("INSERT INTO accepted_proofs (proof_hash, job_id) VALUES (?, ?)", proofHash, jobId);
    }

    // --- events and audit sums ------------------------------------------------------------------------------

    void appendEvent(long time, EventType type, long jobId, Address address, long amount, Fault fault, String detail)
            throws SQLException {
        update("INSERT INTO events (time, type, job_id, address, amount, fault, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                time, type.name(), jobId, address == null ? null : address.bytes(), amount,
                fault == null ? null : fault.name(), detail);
    }

    long lastEventSeq() throws SQLException {
        return queryLong("SELECT COALESCE(MAX(seq), 0) FROM events", 0L);
    }

    List<LedgerEvent> events(long afterSeq, int limit) throws SQLException {
        List<LedgerEvent> out = new ArrayList<>();
        try (PreparedStatement p = conn.prepareStatement("SELECT seq, time, type, job_id, address, amount, fault,"
                + " detail FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
            p.setLong(1, afterSeq);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    byte[] a = r.getBytes(5);
                    String f = r.getString(7);
                    out.add(new LedgerEvent(r.getLong(1), r.getLong(2), EventType.valueOf(r.getString(3)), r.getLong(4),
                            a == null ? null : new Address(a), r.getLong(6), f == null ? null : Fault.valueOf(f),
                            r.getString(8)));
                }
            }
        }
        return out;
    }

    long sum(String sql) throws SQLException {
        return queryLong(sql, 0L);
    }

    // --- plumbing, also for the tables of EpochBook, ChallengeDesk and FeedBook -------------------------------

    /** Maps the current row of a result set. */
    interface Row<T> {
        T map(ResultSet r) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) throws SQLException {
        List<T> out = new ArrayList<>();
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(row.map(r));
            }
        }
        return out;
    }

    <T> Optional<T> queryOne(String sql, Row<T> row, Object... args) throws SQLException {
        List<T> rows = query(sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    long queryLong(String sql, long absent, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            return r.next() && r.getObject(1) != null ? r.getLong(1) : absent;
        }
    }

    void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(sql, args)) {
            p.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            switch (a) {
                case null -> p.setNull(i + 1, Types.BLOB);
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case String s -> p.setString(i + 1, s);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("unsupported parameter " + a.getClass());
            }
        }
        return p;
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the ledger failed: " + e.getMessage(), e);
        }
    }
}
