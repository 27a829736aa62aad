import vscode = require('vscode');
import type { NetworkContext } from '../api/errorMessages';
import { proxyFor, redactProxy, type ProxySettings } from '../network/proxySettings';

/** VS Code's proxy settings as the extension host's fetch reads them (http.proxyAuthorization only as set or not). */
export function readProxySettings(): ProxySettings {
  const http = vscode.workspace.getConfiguration('http');
  return {
    proxy: http.get<string>('proxy'),
    proxySupport: http.get<string>('proxySupport'),
    noProxy: http.get<string[]>('noProxy'),
    hasProxyAuthorization: !!http.get<string | null>('proxyAuthorization'),
    env: process.env,
  };
}

/** The proxy for a message: the one VS Code uses for `domain` when known, else http.proxy; never a password. */
export function networkContext(domain?: string): NetworkContext {
  const settings = readProxySettings();
  if (domain) {
    try {
      const choice = proxyFor(new URL(domain), settings);
      if (choice.kind === 'proxy') return { proxy: choice.proxy };
    } catch {
      // not a URL: fall back to the setting
    }
  }
  const configured = settings.proxy?.trim();
  return configured ? { proxy: redactProxy(configured).proxy } : {};
}
