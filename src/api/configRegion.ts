import type { Translate } from '../common/translate';
import { unsafeForCredentials } from './captureDomain';

// Where an application's Configuration API lives: `https://v1.api.{region}.janrain.com`, or an
// explicit host for a region the docs do not list. See /work/shared/CONFIG-API.md ("Common").

/** The regions the docs list (identitydocs); some older pages omit `sg`, the Hosted Login guide cites `jp`. */
export const CONFIG_REGIONS = ['us', 'eu', 'au', 'sa', 'cn', 'sg'] as const;
export type ConfigRegion = (typeof CONFIG_REGIONS)[number];

/** The region assumed when an application ID is set without one: the docs' examples all use `us`. */
export const DEFAULT_CONFIG_REGION: ConfigRegion = 'us';

export function isConfigRegion(value: string): value is ConfigRegion {
  return (CONFIG_REGIONS as readonly string[]).includes(value);
}

/**
 * The origin of the Configuration API for a region code (`eu` → `https://v1.api.eu.janrain.com`) or
 * an explicit host. An explicit host must be https (plain http only to this machine: the local
 * emulator), like the Capture domain: owner credentials go there.
 */
export function configApiOrigin(region: string, t: Translate): { origin: string } | { problem: string } {
  const text = region.trim();
  if (text.length === 0) return { origin: `https://v1.api.${DEFAULT_CONFIG_REGION}.janrain.com` };
  const code = text.toLowerCase();
  if (isConfigRegion(code)) return { origin: `https://v1.api.${code}.janrain.com` };
  if (/^[a-z]{2}$/.test(code)) return { origin: `https://v1.api.${code}.janrain.com` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      problem: t(
        '"{0}" is not a region. Use one of {1}, or a full https:// address of the API host.',
        text,
        CONFIG_REGIONS.join(', '),
      ),
    };
  }
  if (url.username || url.password) {
    return {
      problem: t('Remove the user name or password from the API host: they are never sent that way.'),
    };
  }
  const unsafe = unsafeForCredentials(url);
  if (unsafe === 'plainHttp')
    return {
      problem: t('Use https:// for {0}: owner credentials are never sent unencrypted.', url.hostname),
    };
  if (unsafe === 'notHttp') return { problem: t('The API host must start with https://.') };
  return { origin: url.origin };
}

/**
 * The region a Capture domain suggests: `myapp.eu.janraincapture.com` → `eu`,
 * `myapp.us-dev.janraincapture.com` → `us`. Undefined when the domain names none (the Configuration
 * API region is then read from Console's `oidc_url`).
 */
export function suggestRegion(captureDomain: string): ConfigRegion | undefined {
  let hostname: string;
  try {
    hostname = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(captureDomain) ? captureDomain : `https://${captureDomain}`,
    ).hostname;
  } catch {
    return undefined;
  }
  const labels = hostname.toLowerCase().split('.');
  const capture = labels.lastIndexOf('janraincapture');
  if (capture < 1) return undefined;
  for (const label of labels.slice(1, capture).reverse()) {
    const code = label.split('-')[0] ?? '';
    if (isConfigRegion(code)) return code;
  }
  return undefined;
}

/** An application ID as Console shows it: letters and digits (26 of them in the docs' examples). */
export function checkAppId(value: string, t: Translate): string | undefined {
  const id = value.trim();
  if (id.length === 0) return t('Enter the application ID from Console → Manage Application.');
  if (!/^[A-Za-z0-9]+$/.test(id))
    return t('An application ID has only letters and digits, such as htb8fuhxnf8e38jrzub3c7pfrr.');
  if (id.length > 64) return t('The application ID is {0} characters long; the limit is {1}.', id.length, 64);
  return undefined;
}
