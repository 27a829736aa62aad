import * as z from 'zod/mini';
import { lazySchema } from './lazySchema';
import type { Translate } from '../common/translate';

/** Longest description we send. Capture does not document a limit; this keeps labels readable. */
export const MAX_DESCRIPTION_LENGTH = 1000;

/** The shape of a Capture client ID (and secret): 32 lowercase letters and digits. */
export const CAPTURE_ID_SHAPE = /^[a-z0-9]{32}$/;

/**
 * Checks a client description as the API layer sends it and the input box validates it.
 * Returns a problem in plain words, or undefined when `value` (after trimming) is fine.
 */
export function checkDescription(value: string, t: Translate): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0)
    return t('Enter a description, for example the service that will use this client.');
  if (/[\r\n\u0085\u2028\u2029]/.test(trimmed)) return t('The description must be a single line.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) {
    // Control and bidirectional-override characters could make a description read differently than it is.
    return t('The description contains control characters.');
  }
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    return t(
      'The description is {0} characters long; the limit is {1}.',
      trimmed.length,
      MAX_DESCRIPTION_LENGTH,
    );
  }
  return undefined;
}

/** Grace period for `reset_secret`: how long the old secret keeps working. */
export const hoursToLiveSchema = lazySchema(() => z.number().check(z.int(), z.gte(0), z.lte(168)));

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${IPV4_OCTET}(\\.${IPV4_OCTET}){3}`;
const IPV4_CIDR = new RegExp(`^${IPV4}/(3[0-2]|[12]?\\d)$`);
const IPV4_ONLY = new RegExp(`^${IPV4}$`);

/**
 * Normalises one allow-list entry: an IPv4 CIDR, or a bare IPv4 address (taken as /32).
 * Returns the CIDR, or a problem in plain words.
 */
export function normalizeCidr(input: string, t: Translate): { cidr: string } | { problem: string } {
  const value = input.trim();
  if (IPV4_CIDR.test(value)) return { cidr: value };
  if (IPV4_ONLY.test(value)) return { cidr: `${value}/32` };
  return { problem: t('"{0}" is not an IPv4 address range such as 203.0.113.0/24.', value) };
}

/** Whether an IPv4 address lies inside an IPv4 CIDR. */
export function cidrContains(cidr: string, address: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText ?? '32');
  const toInt = (ip: string) => ip.split('.').reduce((acc, octet) => (acc << 8) + Number(octet), 0) >>> 0;
  if (!IPV4_ONLY.test(address) || !base || !IPV4_ONLY.test(base)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(base) & mask) === (toInt(address) & mask);
}
