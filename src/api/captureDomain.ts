import type { Translate } from '../common/translate';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a URL's hostname is this machine (where plain http is allowed: the local emulator). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/**
 * The one rule for every address an owner secret, configuration secret or token is sent to: https,
 * or plain http only to this machine (the local emulator). 'plainHttp' is http to another host,
 * 'notHttp' any other scheme; undefined when the address may be used. Each caller words the
 * problem for its own field.
 */
export function unsafeForCredentials(url: URL): 'plainHttp' | 'notHttp' | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : 'plainHttp';
  return 'notHttp';
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
  const unsafe = unsafeForCredentials(url);
  if (unsafe === 'plainHttp')
    return {
      problem: t('Use https:// for {0}: owner credentials are never sent unencrypted.', url.hostname),
    };
  if (unsafe === 'notHttp') return { problem: t('The Capture domain must start with https://.') };
  if (!url.hostname) return { problem: t('The domain has no host name.') };
  return { origin: url.origin };
}
