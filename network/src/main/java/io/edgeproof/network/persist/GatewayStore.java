package io.edgeproof.network.persist;

import io.edgeproof.ledger.Address;
import io.edgeproof.ledger.LedgerRules;
import io.edgeproof.ledger.ModelId;
import io.edgeproof.ledger.device.DeviceId;
import io.edgeproof.ledger.device.DeviceReading;
import io.edgeproof.ledger.device.SignedReading;
import io.edgeproof.network.ContentHash;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gateway knows beyond the ledger, in one SQLite file (gateway.db) beside it: models (with their
 * verifier keys and stored content), devices, every accepted job's input and reading, published outputs,
 * refusals, the request nonces seen, and the write-ahead records of operations in flight (a model or
 * device registration, one job intake, result submissions). Same durability as the ledger: WAL,
 * synchronous=FULL, an exclusive lock (one gateway per data directory); each method is one transaction.
 */
final class GatewayStore implements AutoCloseable, SeenNonces {
    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS models (model_id BLOB PRIMARY KEY, owner BLOB NOT NULL, verifier_key BLOB NOT NULL,"
            + " content BLOB NOT NULL, input_size INTEGER NOT NULL, pending INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS devices (device_id TEXT PRIMARY KEY, owner BLOB NOT NULL, public_key BLOB NOT NULL,"
            + " pending INTEGER NOT NULL)",
        // job_id 0 is the one intake in flight: written before the ledger posts the job, renumbered after.
        "CREATE TABLE IF NOT EXISTS jobs (job_id INTEGER PRIMARY KEY, requester BLOB NOT NULL, model_id BLOB NOT NULL,"
            + " input BLOB NOT NULL, price INTEGER NOT NULL, deadline INTEGER NOT NULL, device_id TEXT,"
            + " device_time INTEGER, sequence INTEGER, reading_hash BLOB, signature BLOB, input_commitment BLOB)",
        "CREATE TABLE IF NOT EXISTS submissions (job_id INTEGER PRIMARY KEY, node BLOB NOT NULL, outputs BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS published (job_id INTEGER PRIMARY KEY, node BLOB NOT NULL, outputs BLOB NOT NULL,"
            + " amount INTEGER NOT NULL, time INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS refusals (job_id INTEGER NOT NULL, node BLOB NOT NULL, reason TEXT NOT NULL,"
            + " time INTEGER NOT NULL)",
        "CREATE TABLE IF NOT EXISTS nonces (address BLOB NOT NULL, nonce TEXT NOT NULL, time INTEGER NOT NULL,"
            + " PRIMARY KEY (address, nonce))",
        "CREATE INDEX IF NOT EXISTS nonces_by_time ON nonces (time)",
    };
    private static final String JOB_COLUMNS = "job_id, requester, model_id, input, price, deadline, device_id,"
            + " device_time, sequence, reading_hash, signature, input_commitment";

    /** A registered (or registering) model. */
    record Model(ModelId id, Address owner, byte[] verifierKey, ContentHash content, int inputSize, boolean pending) {}

    /** A registered (or registering) device. */
    record Device(DeviceId id, Address owner, byte[] publicKey, boolean pending) {}

    /** A result sent to the ledger whose outcome is not recorded yet. */
    record Submission(long jobId, Address node, int[] outputs) {}

    /** The verified outputs of a paid job. */
    record Published(long jobId, Address node, int[] outputs, long amount, long time) {}

    record Refusal(long jobId, Address node, String reason, long time) {}

    private interface Work<T> {
        T run() throws SQLException;
    }

    private final Connection conn;

    GatewayStore(Path file) {
        try {
            conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = conn.createStatement()) {
                s.execute("PRAGMA busy_timeout = 500");
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
            throw new IllegalStateException("cannot open the gateway store " + file + " (is another gateway using"
                    + " this data directory?): " + e.getMessage(), e);
        }
    }

    private synchronized <T> T tx(Work<T> work) {
        try {
            T result = work.run();
            conn.commit();
            return result;
        } catch (SQLException e) {
            rollback(e);
            throw new IllegalStateException("gateway storage failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(e);
            throw e;
        }
    }

    private void rollback(Throwable cause) {
        try {
            conn.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    // --- settings ------------------------------------------------------------------------------------------

    Optional<GatewaySettings> settings() {
        return tx(() -> {
            Optional<Long> chain = meta("chain_id");
            if (chain.isEmpty()) {
                return Optional.empty();
            }
            LedgerRules rules = new LedgerRules(meta("min_stake").orElseThrow(), meta("slash_bps").orElseThrow().intValue(),
                    meta("heartbeat_timeout").orElseThrow(), meta("assignment_window").orElseThrow(),
                    meta("unbonding_period").orElseThrow(), meta("epoch_length").orElseThrow(),
                    meta("epoch_emission").orElseThrow(), meta("work_reward_bps").orElseThrow().intValue(),
                    meta("challenge_window").orElseThrow(), meta("challenge_bond").orElseThrow());
            return Optional.of(new GatewaySettings(chain.get(), rules, meta("minimum_window").orElseThrow()));
        });
    }

    void putSettings(GatewaySettings s) {
        tx(() -> {
            putMeta("chain_id", s.chainId());
            putMeta("min_stake", s.rules().minStake());
            putMeta("slash_bps", s.rules().slashBasisPoints());
            putMeta("heartbeat_timeout", s.rules().heartbeatTimeout());
            putMeta("assignment_window", s.rules().assignmentWindow());
            putMeta("unbonding_period", s.rules().unbondingPeriod());
            putMeta("epoch_length", s.rules().epochLength());
            putMeta("epoch_emission", s.rules().epochEmission());
            putMeta("work_reward_bps", s.rules().workRewardBasisPoints());
            putMeta("challenge_window", s.rules().challengeWindow());
            putMeta("challenge_bond", s.rules().challengeBond());
            putMeta("minimum_window", s.minimumWindow());
            return null;
        });
    }

    // --- models and devices --------------------------------------------------------------------------------

    void putModel(Model m) {
        tx(() -> update("INSERT INTO models (model_id, owner, verifier_key, content, input_size, pending)"
                + " VALUES (?, ?, ?, ?, ?, ?)", m.id().bytes(), m.owner().bytes(), m.verifierKey(), m.content().bytes(),
                m.inputSize(), m.pending() ? 1 : 0));
    }

    void confirmModel(ModelId id) {
        tx(() -> update("UPDATE models SET pending = 0 WHERE model_id = ?", id.bytes()));
    }

    void dropModel(ModelId id) {
        tx(() -> update("DELETE FROM models WHERE model_id = ?", id.bytes()));
    }

    List<Model> models() {
        return tx(() -> {
            List<Model> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT model_id, owner, verifier_key, content, input_size, pending"
                    + " FROM models ORDER BY model_id"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Model(new ModelId(r.getBytes(1)), new Address(r.getBytes(2)), r.getBytes(3),
                            new ContentHash(r.getBytes(4)), r.getInt(5), r.getInt(6) != 0));
                }
            }
            return out;
        });
    }

    void putDevice(Device d) {
        tx(() -> update("INSERT INTO devices (device_id, owner, public_key, pending) VALUES (?, ?, ?, ?)",
                d.id().value(), d.owner().bytes(), d.publicKey(), d.pending() ? 1 : 0));
    }

    void confirmDevice(DeviceId id) {
        tx(() -> update("UPDATE devices SET pending = 0 WHERE device_id = ?", id.value()));
    }

    void dropDevice(DeviceId id) {
        tx(() -> update("DELETE FROM devices WHERE device_id = ?", id.value()));
    }

    List<Device> devices() {
        return tx(() -> {
            List<Device> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT device_id, owner, public_key, pending FROM devices");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Device(new DeviceId(r.getString(1)), new Address(r.getBytes(2)), r.getBytes(3),
                            r.getInt(4) != 0));
                }
            }
            return out;
        });
    }

    // --- jobs ----------------------------------------------------------------------------------------------

    /** Records the intake in flight (job id 0), replacing any earlier one. */
    void putIntake(StoredJob j) {
        tx(() -> {
            update("DELETE FROM jobs WHERE job_id = 0");
            insertJob(j.withId(0));
            return null;
        });
    }

    Optional<StoredJob> intake() {
        return job(0);
    }

    /** The ledger posted the intake as job {@code id}. */
    void acceptIntake(long id) {
        tx(() -> update("UPDATE jobs SET job_id = ? WHERE job_id = 0", id));
    }

    void dropIntake() {
        tx(() -> update("DELETE FROM jobs WHERE job_id = 0"));
    }

    Optional<StoredJob> job(long id) {
        return tx(() -> {
            try (PreparedStatement p = prepare("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_id = ?", id);
                 ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(jobRow(r)) : Optional.empty();
            }
        });
    }

    long lastJobId() {
        return tx(() -> queryLong("SELECT COALESCE(MAX(job_id), 0) FROM jobs"));
    }

    /** Accepted jobs without published outputs: the ones a restart may still have to track. */
    List<StoredJob> unpublishedJobs() {
        return tx(() -> {
            List<StoredJob> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT " + JOB_COLUMNS + " FROM jobs WHERE job_id > 0 AND job_id NOT IN"
                    + " (SELECT job_id FROM published) ORDER BY job_id"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(jobRow(r));
                }
            }
            return out;
        });
    }

    private void insertJob(StoredJob j) throws SQLException {
        SignedReading s = j.reading();
        DeviceReading d = s == null ? null : s.reading();
        update("INSERT INTO jobs (" + JOB_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", j.jobId(),
                j.requester().bytes(), j.model().bytes(), j.input().bytes(), j.price(), j.deadline(),
                d == null ? null : d.deviceId().value(), d == null ? null : d.timestamp(),
                d == null ? null : d.sequence(), d == null ? null : d.readingHash(), s == null ? null : s.signature(),
                j.commitment());
    }

    private static StoredJob jobRow(ResultSet r) throws SQLException {
        SignedReading reading = null;
        if (r.getString(7) != null) {
            reading = new SignedReading(new DeviceReading(new DeviceId(r.getString(7)), r.getLong(8), r.getLong(9),
                    r.getBytes(10)), r.getBytes(11));
        }
        return new StoredJob(r.getLong(1), new Address(r.getBytes(2)), new ModelId(r.getBytes(3)),
                new ContentHash(r.getBytes(4)), reading, r.getBytes(12), r.getLong(5), r.getLong(6));
    }

    // --- results -------------------------------------------------------------------------------------------

    /** Written before the ledger sees the result, so outputs it pays for survive a crash. */
    void putSubmission(Submission s) {
        tx(() -> update("INSERT INTO submissions (job_id, node, outputs) VALUES (?, ?, ?) ON CONFLICT (job_id)"
                + " DO UPDATE SET node = excluded.node, outputs = excluded.outputs", s.jobId(), s.node().bytes(),
                encode(s.outputs())));
    }

    void dropSubmission(long jobId) {
        tx(() -> update("DELETE FROM submissions WHERE job_id = ?", jobId));
    }

    List<Submission> submissions() {
        return tx(() -> {
            List<Submission> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT job_id, node, outputs FROM submissions ORDER BY job_id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Submission(r.getLong(1), new Address(r.getBytes(2)), decode(r.getBytes(3))));
                }
            }
            return out;
        });
    }

    /** Publishes a paid job's outputs and clears its submission record, in one transaction. */
    void publish(Published p) {
        tx(() -> {
            update("INSERT OR IGNORE INTO published (job_id, node, outputs, amount, time) VALUES (?, ?, ?, ?, ?)",
                    p.jobId(), p.node().bytes(), encode(p.outputs()), p.amount(), p.time());
            update("DELETE FROM submissions WHERE job_id = ?", p.jobId());
            return null;
        });
    }

    Optional<Published> published(long jobId) {
        return tx(() -> {
            try (PreparedStatement p = prepare("SELECT job_id, node, outputs, amount, time FROM published"
                    + " WHERE job_id = ?", jobId); ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new Published(r.getLong(1), new Address(r.getBytes(2)),
                        decode(r.getBytes(3)), r.getLong(4), r.getLong(5))) : Optional.empty();
            }
        });
    }

    void putRefusal(Refusal f) {
        tx(() -> update("INSERT INTO refusals (job_id, node, reason, time) VALUES (?, ?, ?, ?)", f.jobId(),
                f.node().bytes(), f.reason(), f.time()));
    }

    List<Refusal> refusals(long jobId) {
        return tx(() -> {
            List<Refusal> out = new ArrayList<>();
            try (PreparedStatement p = prepare("SELECT job_id, node, reason, time FROM refusals WHERE job_id = ?"
                    + " ORDER BY rowid", jobId); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new Refusal(r.getLong(1), new Address(r.getBytes(2)), r.getString(3), r.getLong(4)));
                }
            }
            return out;
        });
    }

    // --- request nonces ------------------------------------------------------------------------------------

    @Override
    public boolean claim(Address caller, String nonce, long time) {
        return tx(() -> {
            try (PreparedStatement p = prepare("INSERT OR IGNORE INTO nonces (address, nonce, time) VALUES (?, ?, ?)",
                    caller.bytes(), nonce, time)) {
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void forgetBefore(long time) {
        tx(() -> update("DELETE FROM nonces WHERE time < ?", time));
    }

    // --- plumbing ------------------------------------------------------------------------------------------

    static byte[] encode(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static int[] decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int[] v = new int[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getInt();
        }
        return v;
    }

    private Optional<Long> meta(String key) throws SQLException {
        try (PreparedStatement p = prepare("SELECT value FROM meta WHERE key = ?", key); ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
        }
    }

    private void putMeta(String key, long value) throws SQLException {
        update("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value);
    }

    private long queryLong(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private Void update(String sql, Object... args) throws SQLException {
        try (PreparedStatement p = prepare(sql, args)) {
            p.executeUpdate();
        }
        return null;
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = conn.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case null -> p.setNull(i + 1, Types.NULL);
                case Long l -> p.setLong(i + 1, l);
                case Integer n -> p.setInt(i + 1, n);
                case String s -> p.setString(i + 1, s);
                case byte[] b -> p.setBytes(i + 1, b);
                default -> throw new IllegalArgumentException("unsupported parameter " + args[i].getClass());
            }
        }
        return p;
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the gateway store failed: " + e.getMessage(), e);
        }
    }
}
