import type { Translate } from '../common/translate';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL's hostname is this machine (where plain http is allowed: the local emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * Turns what a user typed as the Capture domain into an origin such as
 * `https://myapp.us-dev.janraincapture.com`: a missing scheme becomes https, a trailing slash or
 * path is dropped. Only https is accepted, or http to this machine (the local emulator).
 */
export function normalizeCaptureDomain(
  input: string,
  t: Translate,
): { origin: string } | { problem: string } {
  let text = input.trim();
  if (text.length === 0)
    return { problem: t('Enter the Capture domain shown in Console → Manage Application.') };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      problem: t('"{0}" is not a valid domain. Example: myapp.us-dev.janraincapture.com', input.trim()),
    };
  }
  if (url.username || url.password) {
    return {
      problem: t(
        'Remove the user name or password from the domain: owner credentials are asked for separately.',
      ),
    };
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      return {
        problem: t('Use https:// for {0}: owner credentials are never sent unencrypted.', url.hostname),
      };
    }
  } else if (url.protocol !== 'https:') {
    return { problem: t('The Capture domain must start with https://.') };
  }
  if (!url.hostname) return { problem: t('The domain has no host name.') };
  return { origin: url.origin };
}
