// EZKL baseline: times @ezkljs/engine (wasm, nodejs build) on EZKL's own 1l_mlp test fixture.
//   node bench.mjs [FIXTURE_DIR]     (default: ../shared/anchors/ezkl-1l_mlp beside the repository)
// Setup (genVk + genPk) runs once; witness, prove and verify run 2 warm-ups then 5 timed runs (median).
// Progress goes to stderr; the last stdout line is one JSON object (read by io.edgeproof.cli.EzklBaseline).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const WARMUPS = 2;
const RUNS = 5;
const FILES = ['model.compiled', 'settings.json', 'kzg', 'input.json'];

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');
const fixtureDir = resolve(process.argv[2] ?? join(repoRoot, '..', 'shared', 'anchors', 'ezkl-1l_mlp'));

function fail(message) {
  process.stderr.write(`ezkl baseline: ${message}\n`);
  process.exit(1);
}

// An engine error (bad fixture, wasm trap) becomes one line on stderr and exit 1, not a stack trace.
process.on('uncaughtException', (e) => fail(String(e?.message ?? e).split('\n')[0]));

// The engine takes every file as a Uint8ClampedArray over the raw bytes.
function load(name) {
  try {
    return new Uint8ClampedArray(readFileSync(join(fixtureDir, name)));
  } catch (e) {
    return fail(`cannot read ${join(fixtureDir, name)}: ${e.code ?? e.message}`);
  }
}

function clamped(bytes) {
  return new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function timed(fn) {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (ms) => Math.round(ms * 1000) / 1000;

const require = createRequire(import.meta.url);
const ezkl = require('@ezkljs/engine');
const version = require('@ezkljs/engine/package.json').version.replace(/^v/, '');

const [compiled, settings, srs, input] = FILES.map(load);

process.stderr.write(`ezkl baseline: @ezkljs/engine ${version}, fixture ${fixtureDir}\n`);
const setup = timed(() => {
  const vk = clamped(ezkl.genVk(compiled, srs, true));
  const pk = clamped(ezkl.genPk(vk, compiled, srs));
  return { vk, pk };
});
const { vk, pk } = setup.value;
process.stderr.write(`ezkl baseline: setup ${round(setup.ms)} ms (vk ${vk.length} B, pk ${pk.length} B)\n`);

const witnessMs = [];
const proveMs = [];
const verifyMs = [];
let proof = null;
let accepted = true;
for (let r = 0; r < WARMUPS + RUNS; r++) {
  const witness = timed(() => clamped(ezkl.genWitness(compiled, input)));
  const proved = timed(() => clamped(ezkl.prove(witness.value, pk, compiled, srs)));
  const verified = timed(() => ezkl.verify(proved.value, vk, settings, srs));
  accepted = accepted && verified.value === true;
  proof = proved.value;
  if (r >= WARMUPS) {
    witnessMs.push(witness.ms);
    proveMs.push(proved.ms);
    verifyMs.push(verified.ms);
  }
  process.stderr.write(`ezkl baseline: run ${r + 1}/${WARMUPS + RUNS}${r < WARMUPS ? ' (warm-up)' : ''}: `
    + `witness ${round(witness.ms)} ms, prove ${round(proved.ms)} ms, verify ${round(verified.ms)} ms, `
    + `accepted ${verified.value}\n`);
}

// The engine returns the snark as JSON; its `proof` field holds the proof bytes proper (what proof_bytes counts).
const snark = JSON.parse(Buffer.from(proof).toString('utf8'));

// Control on the verifier: the snark re-serialized as is must verify, and with one proof byte flipped must not
// (the engine signals that by throwing "Verification failed"; any other error does not count as a rejection).
function verifies(candidate) {
  try {
    return ezkl.verify(clamped(Buffer.from(JSON.stringify(candidate))), vk, settings, srs);
  } catch (e) {
    if (/verification failed/i.test(String(e))) {
      return false;
    }
    throw e;
  }
}

function tamperedRejected() {
  const bad = structuredClone(snark);
  const victim = bad.proof.length >> 1;
  bad.proof[victim] ^= 1;
  if (typeof bad.hex_proof === 'string') {
    bad.hex_proof = '0x' + Buffer.from(bad.proof).toString('hex');
  }
  return verifies(snark) === true && verifies(bad) === false;
}

console.log(JSON.stringify({
  engine: 'ezkl-wasm',
  version,
  model: 'ezkl/1l_mlp',
  setup_ms: round(setup.ms),
  witness_ms: round(median(witnessMs)),
  prove_ms: round(median(proveMs)),
  verify_ms: round(median(verifyMs)),
  proof_bytes: snark.proof.length,
  accepted,
  tampered_rejected: tamperedRejected(),
}));
