// Which process holds a TCP port on this machine, for messages that say so instead of guessing.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * "pid 123 (node /path/entry.js --bind-addr …)" for the process listening on that port, from
 * `ss -ltnp`; undefined when it cannot be told (no `ss`, or the process belongs to another user).
 */
export function portHolder(port: number): string | undefined {
  let listing: string;
  try {
    listing = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
  const pid = /pid=(\d+)/.exec(listing)?.[1];
  if (!pid) return undefined;
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return `pid ${pid} (${command.length > 120 ? `${command.slice(0, 117)}…` : command})`;
  } catch {
    return `pid ${pid}`;
  }
}
