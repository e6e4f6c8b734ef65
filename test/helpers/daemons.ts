/**
 * Real servers from Debian's packages for the STARTTLS live checks: Postfix, Dovecot, PostgreSQL
 * and OpenLDAP's slapd, each started in the foreground on free loopback ports with a throw-away
 * configuration and a certificate made by the test, and stopped with every process it forked
 * (`bash scripts/test-setup.sh` installs them). Readiness is polled on the ports; no sleeps.
 *
 * The folders are made under /tmp, not the test run's private TMPDIR: the daemons' unprivileged
 * processes (postfix, dovenull, postgres) must be able to reach them, and TMPDIR is mode 0700.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { closedPort, type TestCertificate } from './tls';

export interface Daemon {
  name: string;
  /** Ports by listener name (`smtp`, `smtps`, `imap`, …). */
  ports: Record<string, number>;
  /** The certificate's SHA-256 fingerprint as the probe reports it (none without TLS). */
  fingerprint?: string;
  /** What the daemon wrote, for failure messages. */
  log(): string;
  /** Stops it and every process it started, then removes its folder. */
  stop(): Promise<void>;
}

export interface DaemonSpec {
  /** Without a certificate the daemon is configured without TLS. */
  certificate?: TestCertificate;
}

const READY_WITHIN_MS = 60_000; // bounds a failure only
const POLL_MS = 50;

export function daemonAvailable(binary: string): boolean {
  return fs.existsSync(binary);
}

function userIds(name: string): { uid: number; gid: number } {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}: bash scripts/test-setup.sh installs the package that adds it`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function makeDir(name: string): string {
  const dir = fs.mkdtempSync(path.join('/tmp', `incident-docs-${name}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function writeCertificate(dir: string, certificate: TestCertificate, owner?: { uid: number; gid: number }): { cert: string; key: string } {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  fs.writeFileSync(cert, certificate.certPem);
  fs.writeFileSync(key, certificate.keyPem, { mode: 0o600 });
  if (owner) fs.chownSync(key, owner.uid, owner.gid);
  return { cert, key };
}

function fingerprintOf(certificate: TestCertificate | undefined): string | undefined {
  return certificate ? new X509Certificate(certificate.certPem).fingerprint256 : undefined;
}

/** PIDs whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command may hold spaces and parentheses: the fields after the last ")" are fixed.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function descendantsOf(pid: number): number[] {
  const all: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const children = childrenOf(queue.shift()!);
    all.push(...children);
    queue.push(...children);
  }
  return all;
}

/** A PID still in use by a live process (a zombie has exited: its parent reaps it). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function poll(what: string, done: () => boolean | Promise<boolean>, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  while (Date.now() < deadline) {
    const problem = failed();
    if (problem) throw new Error(problem);
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} did not happen within ${READY_WITHIN_MS} ms`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface Launch {
  name: string;
  dir: string;
  command: string;
  args: string[];
  ports: Record<string, number>;
  certificate?: TestCertificate;
  user?: { uid: number; gid: number };
  stopSignal?: NodeJS.Signals;
  /** The process to signal, when it is not the one spawned (Postfix's master runs below a shell script). */
  stopPid?: () => number | undefined;
  /** A log the daemon writes to a file rather than its output. */
  logFile?: string;
}

async function launch(spec: Launch): Promise<Daemon> {
  let output = '';
  const child: ChildProcess = spawn(spec.command, spec.args, {
    cwd: spec.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' },
    ...(spec.user ?? {}),
  });
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    let file = '';
    try {
      if (spec.logFile) file = fs.readFileSync(spec.logFile, 'utf8').slice(-20_000);
    } catch {
      // not written yet
    }
    return `${spec.name} output:\n${output}${file}`;
  };
  const daemon: Daemon = {
    name: spec.name,
    ports: spec.ports,
    fingerprint: fingerprintOf(spec.certificate),
    log,
    stop: async () => {
      const pid = child.pid!;
      const family = descendantsOf(pid);
      if (child.exitCode === null && child.signalCode === null) {
        const target = spec.stopPid?.() ?? pid;
        process.kill(target, spec.stopSignal ?? 'SIGTERM');
        await exited;
      }
      // Workers a master leaves to exit on their own: wait for each, by its PID.
      await poll(`${spec.name}'s processes to exit`, () => family.every((p) => !running(p)), () => undefined).catch(() => {
        for (const p of family) if (running(p)) process.kill(p, 'SIGKILL');
      });
      fs.rmSync(spec.dir, { recursive: true, force: true });
    },
  };
  try {
    for (const port of Object.values(spec.ports)) {
      await poll(`${spec.name} listening on ${port}`, () => accepts(port), () =>
        child.exitCode !== null || child.signalCode !== null ? `${spec.name} exited (${child.exitCode ?? child.signalCode}):\n${log()}` : undefined,
      );
    }
  } catch (e) {
    await daemon.stop();
    throw e;
  }
  return daemon;
}

async function freePorts(...names: string[]): Promise<Record<string, number>> {
  const ports: Record<string, number> = {};
  for (const name of names) {
    let port = await closedPort();
    while (Object.values(ports).includes(port)) port = await closedPort();
    ports[name] = port;
  }
  return ports;
}

/** Postfix's smtpd on `smtp` (STARTTLS when TLS is on) and, with TLS, `smtps` (implicit TLS). */
export async function startPostfix(spec: DaemonSpec): Promise<Daemon> {
  const dir = makeDir('postfix');
  const ports = await freePorts(...(spec.certificate ? ['smtp', 'smtps'] : ['smtp']));
  const files = spec.certificate ? writeCertificate(dir, spec.certificate) : undefined;
  fs.mkdirSync(path.join(dir, 'conf'));
  fs.mkdirSync(path.join(dir, 'queue'));
  fs.mkdirSync(path.join(dir, 'data'));
  const postfix = userIds('postfix');
  fs.chownSync(path.join(dir, 'data'), postfix.uid, postfix.gid);
  const main = [
    'compatibility_level = 3.6',
    `queue_directory = ${dir}/queue`,
    `data_directory = ${dir}/data`,
    'mail_owner = postfix',
    'setgid_group = postdrop',
    'myhostname = mail.incident-docs.test',
    'mydestination =',
    'local_recipient_maps =',
    'alias_maps =',
    'alias_database =',
    'inet_interfaces = 127.0.0.1',
    'inet_protocols = ipv4',
    // A file of its own: with stdout a pipe, Postfix's start-up gives up silently.
    `maillog_file_prefixes = ${dir}`,
    `maillog_file = ${dir}/maillog`,
    ...(files
      ? [`smtpd_tls_cert_file = ${files.cert}`, `smtpd_tls_key_file = ${files.key}`, 'smtpd_tls_security_level = may']
      : ['smtpd_tls_security_level = none']),
  ];
  const master = [
    `127.0.0.1:${ports.smtp} inet n - n - - smtpd`,
    ...(ports.smtps ? [`127.0.0.1:${ports.smtps} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes`] : []),
    'cleanup unix n - n - 0 cleanup',
    'rewrite unix - - n - - trivial-rewrite',
    'proxymap unix - - n - - proxymap',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'tlsmgr unix - - n 1000? 1 tlsmgr',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  fs.writeFileSync(path.join(dir, 'conf', 'main.cf'), `${main.join('\n')}\n`);
  fs.writeFileSync(path.join(dir, 'conf', 'master.cf'), `${master.join('\n')}\n`);
  const masterPid = () => {
    try {
      return Number(fs.readFileSync(path.join(dir, 'queue', 'pid', 'master.pid'), 'utf8').trim()) || undefined;
    } catch {
      return undefined;
    }
  };
  return launch({
    name: 'postfix',
    dir,
    command: '/usr/sbin/postfix',
    args: ['-c', path.join(dir, 'conf'), 'start-fg'],
    ports,
    certificate: spec.certificate,
    stopPid: masterPid,
    logFile: path.join(dir, 'maillog'),
  });
}

/** Dovecot: `imap` and `pop3` (STARTTLS / STLS when TLS is on), and with TLS `imaps` and `pop3s`. */
export async function startDovecot(spec: DaemonSpec): Promise<Daemon> {
  const dir = makeDir('dovecot');
  const ports = await freePorts(...(spec.certificate ? ['imap', 'pop3', 'imaps', 'pop3s'] : ['imap', 'pop3']));
  const files = spec.certificate ? writeCertificate(dir, spec.certificate) : undefined;
  const listener = (name: string, ssl: boolean) => `  inet_listener ${name} {\n    port = ${ports[name]}\n${ssl ? '    ssl = yes\n' : ''}  }`;
  const conf = [
    `base_dir = ${dir}/run`,
    `state_dir = ${dir}/state`,
    'instance_name = incident-docs-test',
    'log_path = /dev/stderr',
    'protocols = imap pop3',
    'listen = 127.0.0.1',
    ...(files ? ['ssl = yes', `ssl_cert = <${files.cert}`, `ssl_key = <${files.key}`, 'ssl_min_protocol = TLSv1.2'] : ['ssl = no']),
    'auth_mechanisms = plain',
    `mail_location = maildir:${dir}/mail`,
    'passdb {\n  driver = static\n  args = password=not-used-by-any-test\n}',
    `userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=${dir}/home\n}`,
    `service imap-login {\n${listener('imap', false)}\n${ports.imaps ? listener('imaps', true) : ''}\n}`,
    `service pop3-login {\n${listener('pop3', false)}\n${ports.pop3s ? listener('pop3s', true) : ''}\n}`,
  ];
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), `${conf.join('\n')}\n`);
  return launch({ name: 'dovecot', dir, command: '/usr/sbin/dovecot', args: ['-F', '-c', path.join(dir, 'dovecot.conf')], ports, certificate: spec.certificate });
}

/** OpenLDAP's slapd, without a database: `ldap` (StartTLS when TLS is on) and with TLS `ldaps`. */
export async function startSlapd(spec: DaemonSpec): Promise<Daemon> {
  const dir = makeDir('slapd');
  const ports = await freePorts(...(spec.certificate ? ['ldap', 'ldaps'] : ['ldap']));
  const files = spec.certificate ? writeCertificate(dir, spec.certificate) : undefined;
  const conf = [
    'include /etc/ldap/schema/core.schema',
    `pidfile ${dir}/slapd.pid`,
    `argsfile ${dir}/slapd.args`,
    ...(files ? [`TLSCertificateFile ${files.cert}`, `TLSCertificateKeyFile ${files.key}`] : []),
  ];
  fs.writeFileSync(path.join(dir, 'slapd.conf'), `${conf.join('\n')}\n`);
  const urls = [`ldap://127.0.0.1:${ports.ldap}/`, ...(ports.ldaps ? [`ldaps://127.0.0.1:${ports.ldaps}/`] : [])].join(' ');
  return launch({ name: 'slapd', dir, command: '/usr/sbin/slapd', args: ['-d', '0', '-f', path.join(dir, 'slapd.conf'), '-h', urls], ports, certificate: spec.certificate });
}

const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

/** PostgreSQL 15 (`postgres`), its cluster made by initdb in the folder, `ssl = on` with the certificate. */
export async function startPostgres(spec: DaemonSpec): Promise<Daemon> {
  const dir = makeDir('postgres');
  const user = userIds('postgres');
  fs.chownSync(dir, user.uid, user.gid);
  const ports = await freePorts('postgres');
  const files = spec.certificate ? writeCertificate(dir, spec.certificate, user) : undefined;
  const data = path.join(dir, 'data');
  await new Promise<void>((resolve, reject) =>
    execFile(
      path.join(POSTGRES_BIN, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C'],
      { ...user, cwd: dir, env: { PATH: '/usr/bin:/bin', LANG: 'C' }, timeout: 120_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`initdb failed: ${error.message}\n${stdout}${stderr}`)) : resolve()),
    ),
  ).catch((e: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const settings = [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${dir}`,
    'fsync=off',
    ...(files ? ['ssl=on', `ssl_cert_file=${files.cert}`, `ssl_key_file=${files.key}`] : ['ssl=off']),
  ];
  return launch({
    name: 'postgres',
    dir,
    command: path.join(POSTGRES_BIN, 'postgres'),
    args: ['-D', data, '-p', String(ports.postgres), ...settings.flatMap((s) => ['-c', s])],
    ports,
    certificate: spec.certificate,
    user,
    // Fast shutdown: active sessions are ended rather than waited for.
    stopSignal: 'SIGINT',
  });
}
