// The hostile-HTTP suite (issue 15 §2): every attack the issue found the old hand-written server
// falling over to, repeated against the real release binary (`target/release/yuedu serve`) with
// its outcome asserted — memory under a header line without end and under clients that never
// read, a page within 1 s beside 500 slowloris connections and at the file-descriptor limit,
// no busy loop on EMFILE, survival when the OS refuses threads, the security headers on every
// status, traversal and symlink escapes, escape codes kept out of the log, Range, ETag/304,
// precompressed siblings after `cp -r`, and a graceful shutdown. Needs no browser and no dist/:
// it serves a small site of its own. Takes about two minutes (it waits out the timeouts).
//   node --test tests/http/
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { ROOT, freePort } from '../e2e/harness.mjs';

const YUEDU = join(ROOT, 'target/release/yuedu');
const MB = 1024 * 1024;
const RSS_LIMIT = 64 * MB;
// The server's limits (crates/cli/src/http.rs): the suite waits them out.
const HEADER_READ_TIMEOUT = 15_000;
const WRITE_TIMEOUT = 30_000;
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'referrer-policy'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- the site -------------------------------------------------------------------------------

const SHELL = '<!doctype html><title>yuedu</title><script type="module">start()</script><p>the app shell</p>';
const PAGE = '<!doctype html><title>seed</title><script type="module">await paint();start()</script><p>the static page</p>';
const FEED = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => ({ id: `a${i}`, title: '区域协作“帮县带村”带出一片“新天地”' })) });
const BIG = 50 * MB;

/** A built site in miniature, with what each attack needs: precompressed siblings, a hashed
 * asset, a 50 MB file, and symlinks that lead out of it. */
function makeSite() {
  const dir = fs.mkdtempSync(join(tmpdir(), 'yuedu-hostile-'));
  fs.chmodSync(dir, 0o755); // readable by the unprivileged user of the `ulimit -u` case
  const write = (path, content) => {
    fs.mkdirSync(join(dir, path, '..'), { recursive: true });
    fs.writeFileSync(join(dir, path), content);
  };
  for (const [path, content] of [['shell.html', SHELL], ['article/seed/index.html', PAGE], ['data/feed.json', FEED]]) {
    write(path, content);
    write(`${path}.br`, brotliCompressSync(content));
    write(`${path}.gz`, gzipSync(content));
  }
  write('yuedu-web-0123456789abcdef.wasm', Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  write('big.bin', Buffer.alloc(BIG, 'yuedu'));
  fs.symlinkSync('/etc', join(dir, 'escape'));
  fs.symlinkSync('/etc/passwd', join(dir, 'passwd.txt'));
  return dir;
}

// --- the server and what it uses -------------------------------------------------------------

/** Starts `yuedu serve dir`, optionally under `ulimit` settings and as the unprivileged user
 * `nobody` (root ignores `ulimit -u`). Its stderr (the log) is kept as bytes. */
async function startServer(dir, { ulimit = '', asNobody = false } = {}) {
  const port = await freePort();
  let [cmd, args] = [asNobody ? binaryForNobody() : YUEDU, ['serve', dir, '--port', String(port)]];
  if (ulimit) [cmd, args] = ['bash', ['-c', `ulimit ${ulimit} && exec "$0" "$@"`, cmd, ...args]];
  if (asNobody) [cmd, args] = ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', cmd, ...args]];
  const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const chunks = [];
  proc.stderr.on('data', (d) => chunks.push(d));
  const server = {
    proc,
    pid: proc.pid,
    port,
    log: () => Buffer.concat(chunks),
    alive: () => proc.exitCode === null && proc.signalCode === null,
    async stop() {
      if (!server.alive()) return proc.exitCode;
      proc.kill('SIGTERM');
      const [code] = await once(proc, 'exit');
      return code;
    },
  };
  for (let i = 0; ; i++) {
    try {
      if ((await get(port, '/')).status === 200) return server;
    } catch { /* not up yet */ }
    if (i > 100 || !server.alive()) throw new Error(`yuedu serve did not start:\n${server.log()}`);
    await sleep(50);
  }
}

/** A copy of the binary that `nobody` can run: the checkout may sit where only its owner can
 * reach (a clone under a `mktemp -d` directory is mode 0700). */
function binaryForNobody() {
  const copy = fs.mkdtempSync(join(tmpdir(), 'yuedu-bin-'));
  process.on('exit', () => fs.rmSync(copy, { recursive: true, force: true }));
  fs.chmodSync(copy, 0o755);
  fs.copyFileSync(YUEDU, join(copy, 'yuedu'));
  fs.chmodSync(join(copy, 'yuedu'), 0o755);
  return join(copy, 'yuedu');
}

/** Resident memory of process `pid`, in bytes. */
function rss(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
}

/** CPU time (user + system) process `pid` has used, in seconds. */
function cpu(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (CLK_TCK 100)
}

/** File descriptors process `pid` holds open (its sockets among them). */
const fds = (pid) => fs.readdirSync(`/proc/${pid}/fd`).length;

/** Samples `measure()` every 50 ms while `work` runs; returns the largest value seen. */
async function peakDuring(measure, work) {
  let peak = measure();
  const timer = setInterval(() => { try { peak = Math.max(peak, measure()); } catch { /* exited */ } }, 50);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, measure());
}

/** Polls `condition` until it holds or `ms` pass; returns whether it held. */
async function eventually(condition, ms) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(250)) if (condition()) return true;
  return condition();
}

// --- clients ---------------------------------------------------------------------------------

/** A GET (or `method`) on a new connection, as a browser's first request; resolves with the
 * status, headers, body and the time it took. */
function get(port, path, { headers = {}, method = 'GET', timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false, timeout }, (res) => {
      const body = [];
      res.on('data', (d) => body.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(body), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer in ${timeout} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** Sends `bytes` as they are on a new connection and reads until the server closes it (or
 * `timeout`); resolves with the status line, headers and body of the first response. */
function raw(port, bytes, { timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const got = [];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no close in ${timeout} ms: ${Buffer.concat(got)}`)); }, timeout);
    socket.on('data', (d) => got.push(d));
    socket.on('error', () => {}); // a reset after the answer is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(got);
      const end = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, end < 0 ? all.length : end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(head.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(head[0].split(' ')[1]), statusLine: head[0], headers, body: end < 0 ? Buffer.alloc(0) : all.subarray(end + 4) });
    });
    socket.write(bytes);
  });
}

/** `n` connections that each start a request and then send one more header line a second,
 * never finishing it (slowloris). */
async function slowloris(port, n) {
  const sockets = [];
  for (let i = 0; i < n; i += 50) {
    await Promise.all(Array.from({ length: Math.min(50, n - i) }, () => new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'); resolve(); });
      s.on('error', resolve);
      sockets.push(s);
    })));
  }
  const timer = setInterval(() => { for (const s of sockets) if (!s.destroyed) s.write('X-Slow: 1\r\n'); }, 1000);
  return { sockets, close() { clearInterval(timer); for (const s of sockets) s.destroy(); } };
}

/** The server answers a new client's page request, and fast: within 1 s. */
async function servesAPageWithin1s(server) {
  for (const path of ['/', '/article/seed']) {
    const res = await get(server.port, path);
    assert.equal(res.status, 200, path);
    assert.ok(res.ms < 1000, `${path} took ${res.ms.toFixed(0)} ms`);
  }
}

// --- the attacks -----------------------------------------------------------------------------

let dir;
let server;
before(async () => {
  assert.ok(fs.existsSync(YUEDU), `${YUEDU} is missing: cargo build --release --bin yuedu`);
  dir = makeSite();
  server = await startServer(dir);
});
after(async () => {
  const alive = server?.alive();
  const code = await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(alive, `the server exited during the attacks:\n${server?.log()}`);
  assert.equal(code, 0, 'SIGTERM ends the server cleanly');
});

describe('memory', () => {
  it('stays under 64 MB while six clients send 1 GB header lines without a newline', { timeout: 120_000 }, async (t) => {
    const sent = [];
    const peak = await peakDuring(() => rss(server.pid), () => Promise.all(Array.from({ length: 6 }, () => new Promise((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1');
      const chunk = Buffer.alloc(MB, 'a');
      let bytes = 0;
      const pump = () => {
        while (bytes < 1024 * MB && !socket.destroyed) {
          bytes += chunk.length;
          if (!socket.write(chunk)) return socket.once('drain', pump);
        }
        socket.end();
      };
      socket.on('connect', () => { socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: '); pump(); });
      socket.on('error', () => {});
      socket.on('close', () => { sent.push(bytes); resolve(); });
    }))));
    t.diagnostic(`RSS peak ${(peak / MB).toFixed(1)} MB; sent before the server closed: ${sent.map((b) => `${b / MB} MB`).join(', ')}`);
    assert.ok(peak < RSS_LIMIT, `RSS peaked at ${(peak / MB).toFixed(1)} MB`);
    // hyper answers 431 and closes at the 32 KB head limit: the client cannot send 1 GB.
    assert.ok(sent.every((b) => b < 64 * MB), `the server closed each connection early (sent ${sent.map((b) => `${b / MB} MB`)})`);
    const answer = await raw(server.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: ${'a'.repeat(40_000)}\r\n\r\n`);
    assert.equal(answer.status, 431);
    await servesAPageWithin1s(server);
  });

  it('stays under 64 MB with 20 clients that never read a 50 MB file, and drops them after the write timeout', { timeout: 120_000 }, async (t) => {
    const before = fds(server.pid);
    const clients = [];
    const peak = await peakDuring(() => rss(server.pid), async () => {
      for (let i = 0; i < 20; i++) {
        const s = net.connect(server.port, '127.0.0.1');
        s.on('error', () => {});
        s.on('connect', () => { s.write('GET /big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'); s.pause(); });
        clients.push(s);
      }
      await sleep(3000); // each response is underway, blocked on the client
      await servesAPageWithin1s(server);
    });
    t.diagnostic(`RSS peak ${(peak / MB).toFixed(1)} MB`);
    assert.ok(peak < RSS_LIMIT, `RSS peaked at ${(peak / MB).toFixed(1)} MB (20 × 50 MB read whole would be 1 GB)`);
    assert.ok(fds(server.pid) >= before + 20, 'the 20 connections are open');
    const dropped = await eventually(() => fds(server.pid) <= before + 1, WRITE_TIMEOUT + 10_000);
    const held = fds(server.pid) - before;
    for (const s of clients) s.destroy();
    assert.ok(dropped, `the server still holds ${held} more descriptors after the write timeout`);
    assert.match(server.log().toString(), /stopped reading/);
  });
});

describe('slow clients', () => {
  it('serves a page within 1 s beside 500 slowloris connections, without spinning, and drops them after the header timeout', { timeout: 120_000 }, async (t) => {
    const before = fds(server.pid);
    const attack = await slowloris(server.port, 500);
    try {
      assert.ok(fds(server.pid) >= before + 450, `the connections are open (${fds(server.pid) - before})`);
      const cpuBefore = cpu(server.pid);
      await sleep(3000);
      const used = cpu(server.pid) - cpuBefore;
      t.diagnostic(`CPU ${used.toFixed(2)} s in 3 s with 500 slowloris connections`);
      assert.ok(used < 0.3, `the server used ${used.toFixed(2)} s of CPU in 3 s`);
      await servesAPageWithin1s(server);
      const dropped = await eventually(() => fds(server.pid) <= before + 5, HEADER_READ_TIMEOUT + 10_000);
      assert.ok(dropped, `${fds(server.pid) - before} slow connections still open after the header timeout`);
    } finally {
      attack.close();
    }
  });

  it('under ulimit -n 1024 serves a page within 1 s beside 600 slow connections; past the limit it backs off and recovers', { timeout: 120_000 }, async (t) => {
    const limited = await startServer(dir, { ulimit: '-n 1024' });
    const attack = await slowloris(limited.port, 600);
    const more = [];
    try {
      await servesAPageWithin1s(limited);
      // Far more than the process may hold (whatever the slow ones still hold): accept fails
      // with EMFILE. (With 500, one run under load never reached the limit.)
      for (let i = 0; i < 1000; i++) {
        const s = net.connect(limited.port, '127.0.0.1');
        s.on('error', () => {});
        more.push(s);
      }
      await eventually(() => /Too many open files/.test(limited.log().toString()), 10_000);
      const cpuBefore = cpu(limited.pid);
      await sleep(3000);
      const used = cpu(limited.pid) - cpuBefore;
      assert.match(limited.log().toString(), /cannot accept a connection \(Too many open files/);
      t.diagnostic(`CPU ${used.toFixed(2)} s in 3 s at the descriptor limit`);
      assert.ok(used < 0.3, `at the descriptor limit the server used ${used.toFixed(2)} s of CPU in 3 s (a busy accept loop uses 3)`);
      assert.ok(limited.alive(), 'EMFILE did not end the server');
    } finally {
      attack.close();
      for (const s of more) s.destroy();
    }
    // Descriptors free again: served again, after at most one back-off (1 s).
    const recovered = await eventually(() => fds(limited.pid) < 100, 5000);
    assert.ok(recovered, `${fds(limited.pid)} descriptors still open`);
    await sleep(1100);
    await servesAPageWithin1s(limited);
    assert.equal(await limited.stop(), 0);
  });

  it('under ulimit -u 64, with the user out of processes, neither dies nor stops serving', { timeout: 120_000, skip: process.getuid() !== 0 && 'needs root, to run the server and the processes that use up its quota as the user nobody (root ignores ulimit -u)' }, async () => {
    const limited = await startServer(dir, { ulimit: '-u 64', asNobody: true });
    const sleepers = [];
    try {
      // nobody's other processes take every slot the server's limit leaves: it cannot start a thread.
      for (let i = 0; i < 64; i++) {
        sleepers.push(spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'sleep', '300'], { stdio: 'ignore' }));
      }
      await sleep(500);
      const tasks = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).reduce((n, p) => {
        try {
          const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
          return /^Uid:\s+65534\s/m.test(status) ? n + Number(/^Threads:\s+(\d+)/m.exec(status)[1]) : n;
        } catch { return n; }
      }, 0);
      assert.ok(tasks >= 64, `nobody runs ${tasks} tasks: the limit is reached`);
      const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => get(limited.port, i % 2 ? '/data/feed.json' : '/article/seed', { timeout: 10_000 }).catch((e) => e)));
      await sleep(100);
      assert.ok(limited.alive(), `the server died (${limited.proc.signalCode ?? limited.proc.exitCode}):\n${limited.log()}`);
      assert.deepEqual([...new Set(answers.map((a) => a.status ?? a.message))], [200]);
    } finally {
      for (const s of sleepers) s.kill();
    }
    await servesAPageWithin1s(limited);
    assert.equal(await limited.stop(), 0);
  });
});

describe('responses', () => {
  it('carry the security headers on every status the server answers', async () => {
    const page = await get(server.port, '/');
    const etag = page.headers.etag;
    const cases = [
      [200, '/', {}],
      [206, '/big.bin', { headers: { range: 'bytes=0-9' } }],
      [304, '/', { headers: { 'if-none-match': etag } }],
      [400, '/%zz', {}],
      [403, '/%2e%2e/etc/passwd', {}],
      [404, '/data/missing.json', {}],
      [405, '/', { method: 'POST' }],
      [413, '/', { headers: { 'content-length': '5' } }],
      [416, '/big.bin', { headers: { range: `bytes=${BIG + 10}-` } }],
    ];
    for (const [status, path, options] of cases) {
      const res = await get(server.port, path, options);
      assert.equal(res.status, status, path);
      for (const name of SECURITY_HEADERS) assert.ok(res.headers[name], `${status} ${path}: no ${name}`);
      assert.match(res.headers['content-security-policy'], /object-src 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
    }
    // What hyper refuses before any service sees it has no body to render or sniff.
    for (const [status, request] of [
      [400, 'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n'],
      [400, 'GET / HTTP/1.1\r\nBad Header\r\n\r\n'],
      [431, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\n\r\n`],
    ]) {
      const res = await raw(server.port, request);
      assert.equal(res.status, status, request.slice(0, 30));
      assert.equal(res.body.length, 0, `${status} has no body`);
    }
  });

  it('refuse traversal and symlink escapes', async () => {
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/data/../../etc/passwd', '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
      '//etc/passwd', '/escape/passwd', '/escape/no-such-file', '/passwd.txt', '/data/%00/../../etc/passwd', '/.%2e/.%2e/etc/passwd']) {
      const res = await raw(server.port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok(!res.body.toString().includes('root:'), `${path}: /etc/passwd leaked`);
      assert.ok([200, 400, 403, 404].includes(res.status), `${path}: ${res.statusLine}`);
      if (res.status === 200) assert.equal(res.body.toString(), SHELL, `${path}: only the app shell, as for any app route`);
    }
    assert.equal((await get(server.port, '/passwd.txt')).status, 403, 'a symlink out of the root is refused');
    assert.equal((await get(server.port, '/escape/passwd')).status, 403, 'so is a path through one');
    assert.equal((await get(server.port, '/escape/no-such-file')).status, 403, 'missing or not, what is out there cannot be probed');
  });

  it('never write escape codes from a request to the log', async () => {
    await get(server.port, '/%1b%5b2J%1b%5d0;owned%07');
    for (const request of ['GET /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET /\u6807\u7b7e\x1b[31m HTTP/1.1\r\nHost: x\r\nUser-Agent: \x1b[2J\r\nConnection: close\r\n\r\n',
      'G\x1bT / HTTP/1.1\r\nHost: x\r\n\r\n']) {
      await raw(server.port, Buffer.from(request, 'utf8'));
    }
    await sleep(200);
    const log = server.log();
    assert.ok(log.includes('/%1b%5b2J%1b%5d0;owned%07 200'), 'the request is logged, still percent-encoded');
    const control = [...log].filter((b) => (b < 0x20 && b !== 0x0a) || b === 0x7f);
    assert.deepEqual(control, [], 'no control characters in the log');
  });

  it('revalidate with ETag and Last-Modified (304) and serve ranges', async () => {
    const first = await get(server.port, '/data/feed.json', { headers: { 'accept-encoding': 'br' } });
    assert.equal(first.status, 200);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const again = await get(server.port, '/data/feed.json', { headers: { 'accept-encoding': 'br', 'if-none-match': first.headers.etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const since = await get(server.port, '/data/feed.json', { headers: { 'accept-encoding': 'br', 'if-modified-since': first.headers['last-modified'] } });
    assert.equal(since.status, 304);
    const otherEncoding = await get(server.port, '/data/feed.json', { headers: { 'if-none-match': first.headers.etag } });
    assert.equal(otherEncoding.status, 200, 'the uncompressed file has its own ETag');
    const part = await get(server.port, '/big.bin', { headers: { range: 'bytes=5-14' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 5-14/${BIG}`);
    assert.equal(part.body.toString(), 'yuedu'.repeat(2));
    const wasm = await get(server.port, '/yuedu-web-0123456789abcdef.wasm');
    assert.equal(wasm.headers['content-type'], 'application/wasm');
    assert.equal(wasm.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('send the precompressed siblings of a copy whose mtimes were lost (cp -r)', async () => {
    const copy = fs.mkdtempSync(join(tmpdir(), 'yuedu-copied-'));
    execFileSync('cp', ['-r', `${dir}/.`, copy]); // new mtimes, in whatever order cp wrote the files
    // The worst order a checkout can leave: every original newer than its siblings.
    const now = Date.now() / 1000;
    for (const path of ['shell.html', 'article/seed/index.html', 'data/feed.json']) {
      fs.utimesSync(join(copy, path), now + 60, now + 60);
      for (const ext of ['.br', '.gz']) fs.utimesSync(join(copy, path + ext), now - 60, now - 60);
    }
    const copied = await startServer(copy);
    try {
      for (const [path, original] of [['/article/seed', PAGE], ['/data/feed.json', FEED]]) {
        const br = await get(copied.port, path, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
        assert.equal(br.headers['content-encoding'], 'br', path);
        assert.equal(brotliDecompressSync(br.body).toString(), original);
        const gz = await get(copied.port, path, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(gz.headers['content-encoding'], 'gzip', path);
        assert.equal(gunzipSync(gz.body).toString(), original);
        assert.equal(br.headers.vary, 'accept-encoding');
      }
    } finally {
      await copied.stop();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('shutdown', () => {
  it('on SIGTERM refuses new connections, lets the download in flight finish, and exits 0', { timeout: 60_000 }, async () => {
    const stopping = await startServer(dir);
    const received = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: stopping.port, path: '/big.bin', agent: false }, (res) => {
        let bytes = 0;
        res.once('data', async (d) => {
          bytes += d.length;
          res.pause();
          stopping.proc.kill('SIGTERM');
          await sleep(500);
          const refused = await get(stopping.port, '/').then(() => false, (e) => e.code === 'ECONNREFUSED');
          if (!refused) reject(new Error('a new connection was accepted after SIGTERM'));
          res.on('data', (chunk) => { bytes += chunk.length; });
          res.on('end', () => resolve(bytes));
          res.resume();
        });
      }).on('error', reject);
    });
    assert.equal(received, BIG, 'the whole file arrived');
    const [code] = stopping.proc.exitCode === null ? await once(stopping.proc, 'exit') : [stopping.proc.exitCode];
    assert.equal(code, 0);
  });
});
