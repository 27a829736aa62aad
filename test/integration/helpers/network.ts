// Network pieces for the proxy and TLS tests, all on 127.0.0.0/8: a forward proxy that logs what
// passes through it, an HTTPS front with a certificate nobody trusts, and a port nobody listens on.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT`, the value for http.proxy. */
  readonly url: string;
  /**
   * One line per thing the proxy did: `CONNECT host:port` for a tunnel, then `→ METHOD /path` for
   * each HTTP request line seen inside a plain-HTTP tunnel, `METHOD http://…` for an absolute-URI
   * request, `DENIED …` when it refused. Never headers or bodies (they carry credentials).
   */
  readonly log: string[];
  close(): Promise<void>;
}

export interface ForwardProxyOptions {
  /**
   * Where the proxy sends a `host:port` it is asked for. The default maps 127.0.0.2 (which VS Code
   * does not treat as localhost, so it is proxied) to the same port on 127.0.0.1, where the emulator
   * listens: the proxy is then the only way to reach it, as a corporate proxy is the only way out.
   */
  readonly route?: (host: string, port: number) => { host: string; port: number };
  /** Refuse every request and tunnel with this HTTP status instead of forwarding. */
  readonly deny?: number;
  /**
   * Ask for these Basic credentials: without a matching `Proxy-Authorization` the proxy answers
   * 407 with `Proxy-Authenticate: Basic realm="…"` (logged `407 CONNECT host:port`); with them it
   * logs `CONNECT host:port as USER` (never the password) and forwards.
   */
  readonly auth?: { readonly username: string; readonly password: string; readonly realm?: string };
}

/** Whether the request carries the proxy's Basic credentials; null when the proxy asks for none. */
function authorised(options: ForwardProxyOptions, header: string | undefined): boolean | null {
  if (!options.auth) return null;
  const expected = Buffer.from(`${options.auth.username}:${options.auth.password}`, 'utf8').toString(
    'base64',
  );
  return header?.trim() === `Basic ${expected}`;
}

function proxyAuthenticate(options: ForwardProxyOptions): string {
  return `Basic realm="${options.auth?.realm ?? 'Test proxy'}"`;
}

/**
 * Follows HTTP/1.1 requests on a connection (kept alive, one after another) and reports each
 * request line, `POST /clients/add`, skipping headers and bodies. Bodies are read by
 * Content-Length, which is how fetch sends a string body.
 */
class RequestLineReader {
  private buffer = Buffer.alloc(0);
  private bodyLeft = 0;

  constructor(private readonly onRequest: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length > 0) {
      if (this.bodyLeft > 0) {
        const skip = Math.min(this.bodyLeft, this.buffer.length);
        this.bodyLeft -= skip;
        this.buffer = this.buffer.subarray(skip);
        continue;
      }
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
      this.buffer = this.buffer.subarray(end + 4);
      const [method, target] = (head[0] ?? '').split(' ');
      if (method && target) this.onRequest(`${method} ${target}`);
      const length = head.find((h) => /^content-length:/i.test(h));
      this.bodyLeft = length ? Number(length.split(':')[1]) || 0 : 0;
    }
  }
}

function viaLoopback(host: string, port: number): { host: string; port: number } {
  return { host: host === '127.0.0.2' ? '127.0.0.1' : host, port };
}

/** Starts an HTTP forward proxy (CONNECT tunnels and absolute-URI requests) on 127.0.0.1. */
export async function startForwardProxy(options: ForwardProxyOptions = {}): Promise<ForwardProxy> {
  const route = options.route ?? viaLoopback;
  const log: string[] = [];
  const sockets = new Set<net.Socket>();
  const allowed = (target: { host: string }) => /^127\./.test(target.host);

  const server = http.createServer((req, res) => {
    // Absolute-URI form: `POST http://127.0.0.2:1234/clients/add HTTP/1.1`.
    if (options.deny) {
      log.push(`DENIED ${req.method} ${req.url}`);
      res.writeHead(options.deny).end();
      return;
    }
    const auth = authorised(options, req.headers['proxy-authorization']);
    if (auth === false) {
      log.push(`407 ${req.method} ${req.url}`);
      res.writeHead(407, { 'Proxy-Authenticate': proxyAuthenticate(options) }).end();
      return;
    }
    log.push(`${req.method} ${req.url}${auth ? ` as ${options.auth!.username}` : ''}`);
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const target = route(url.hostname, Number(url.port || 80));
    if (!allowed(target)) {
      res.writeHead(403).end();
      return;
    }
    const upstream = http.request(
      {
        host: target.host,
        port: target.port,
        method: req.method,
        path: url.pathname + url.search,
        // A proxy keeps its own credentials to itself.
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(([name]) => name !== 'proxy-authorization'),
        ),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (options.deny) {
      log.push(`DENIED CONNECT ${req.url}`);
      client.end(`HTTP/1.1 ${options.deny} Forbidden\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const auth = authorised(options, req.headers['proxy-authorization']);
    if (auth === false) {
      log.push(`407 CONNECT ${req.url}`);
      client.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${proxyAuthenticate(options)}\r\nContent-Length: 0\r\n\r\n`,
      );
      return;
    }
    log.push(`CONNECT ${req.url}${auth ? ` as ${options.auth!.username}` : ''}`);
    const [host, port] = splitHostPort(req.url ?? '');
    const target = route(host, port);
    if (!allowed(target)) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(target.port, target.host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (!client.writableEnded) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
    });
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      // Inside a tunnel to a plain-HTTP server the requests are readable: log their first lines.
      const requestLines = new RequestLineReader((line) => log.push(`→ ${line}`));
      if (head.length > 0) {
        requestLines.push(head);
        upstream.write(head);
      }
      client.on('data', (chunk: Buffer) => requestLines.push(chunk));
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });

  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function splitHostPort(authority: string): [string, number] {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
  return m ? [m[1]!, Number(m[2])] : [authority, 443];
}

export interface TlsFront {
  /** `https://HOST:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** TCP connections made to the front (whether or not the client went on after seeing the certificate). */
  readonly connections: number;
  close(): Promise<void>;
}

/** A CA made by test/harness/testCa.ts for this run: its certificate and key files. */
export interface TestCa {
  readonly cert: string;
  readonly key: string;
}

/** The run's private CAs (test/harness/testCa.ts made them before code-server started). */
export function testCa(name: 'corporate' | 'extra'): TestCa {
  const dir = process.env.HARNESS_TEST_CA_DIR;
  if (!dir)
    throw new Error('HARNESS_TEST_CA_DIR is not set: run the tests with test/harness/runIntegration.js');
  return { cert: path.join(dir, `${name}.pem`), key: path.join(dir, `${name}.key`) };
}

function openssl(args: string[]): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    execFile('openssl', args, (error, _stdout, stderr) =>
      error ? reject(new Error(`openssl failed: ${stderr || error.message}`)) : resolve(),
    ),
  );
}

const SAN = 'subjectAltName=IP:127.0.0.1,IP:127.0.0.2,DNS:localhost';

/**
 * An HTTPS front for a plain-HTTP server on 127.0.0.1:`targetPort`, with a certificate made for
 * this run by openssl (valid for `host`, 127.0.0.1, 127.0.0.2 and localhost): self-signed, so
 * that nobody trusts it and VS Code must refuse it, or signed by `signedBy`, one of the run's
 * private CAs.
 */
export async function startTlsFront(
  targetPort: number,
  host = '127.0.0.1',
  signedBy?: TestCa,
): Promise<TlsFront> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'icc-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  if (signedBy) {
    const csr = path.join(dir, 'front.csr');
    const ext = path.join(dir, 'ext.cnf');
    fs.writeFileSync(ext, `${SAN}\nextendedKeyUsage=serverAuth\n`);
    await openssl([
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=Identity Cloud test (private CA)',
      '-keyout',
      key,
      '-out',
      csr,
    ]);
    await openssl([
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      signedBy.cert,
      '-CAkey',
      signedBy.key,
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      '1',
      '-extfile',
      ext,
      '-out',
      cert,
    ]);
  } else {
    await openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=Identity Cloud test (untrusted)',
      '-addext',
      SAN,
      '-keyout',
      key,
      '-out',
      cert,
    ]);
  }
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (socket) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    socket.pipe(upstream).pipe(socket);
  });
  server.on('connection', () => connections++);
  server.on('tlsClientError', () => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
  await listen(server, host);
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin: `https://${host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A 127.0.0.1 port that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await listen(probe);
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function listen(server: net.Server, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
