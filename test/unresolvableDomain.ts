/**
 * A Capture domain that cannot resolve, without any DNS traffic: a 64-character label is longer
 * than DNS allows, so the C library fails the lookup (ENOTFOUND) before sending a query. A name
 * such as `capture.invalid` would send one to the machine's resolver; tests send nothing off
 * this machine.
 */
export const UNRESOLVABLE_DOMAIN = `https://${'x'.repeat(64)}.invalid`;
