import * as dns from 'node:dns';
import * as net from 'node:net';
import * as tls from 'node:tls';
import vscode = require('vscode');
import { Views } from '../ids';
import { probeConnection, type ProbeReport, type StepName } from '../network/connectionProbe';
import { proxyFor } from '../network/proxySettings';
import { readProxySettings } from '../ui/networkSettings';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';
import { progressPlace, targetApplication, type CommandContext } from './context';

const stepNames = (): Record<StepName, string> => ({
  domain: vscode.l10n.t('Capture domain'),
  proxy: vscode.l10n.t('Proxy'),
  dns: vscode.l10n.t('DNS'),
  tcp: vscode.l10n.t('TCP'),
  tls: vscode.l10n.t('TLS'),
  http: vscode.l10n.t('HTTP (VS Code)'),
  capture: vscode.l10n.t('Capture answer'),
  credentials: vscode.l10n.t('Owner credentials'),
});

const MARKS = { ok: '✓', warn: '!', fail: '✗', skipped: '–' } as const;

/**
 * Identity Cloud: Check Connection… — a staged probe of one application's Capture domain: the
 * steps go to the log, one message sums up where it stopped and what to check next. Never asks for
 * the owner secret: without one it stops after proving the answer is Capture's.
 */
export async function checkConnection(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.checkConnection>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Check Connection'));
  if (!app) return;
  const credentials = await ctx.session.credentials(app, false);
  const report = await vscode.window.withProgress(
    {
      location:
        progressPlace(inv) === 'view' ? { viewId: Views.clients } : vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Checking the connection to {0}…', app.name),
    },
    () =>
      probeConnection(
        {
          domain: app.domain,
          clientId: credentials?.clientId,
          clientSecret: credentials?.clientSecret,
          proxy: proxyChoice(app.domain),
        },
        { fetch: (url, init) => globalThis.fetch(url, init), dns: dns.promises, net, tls, t: vscode.l10n.t },
      ),
  );
  logReport(ctx.log, app.name, report);
  await showSummary(ctx, app.name, report);
}

function proxyChoice(domain: string) {
  try {
    return proxyFor(new URL(domain), readProxySettings());
  } catch {
    return { kind: 'system' } as const;
  }
}

function logReport(log: vscode.LogOutputChannel, application: string, report: ProbeReport): void {
  const names = stepNames();
  log.info(`Check Connection: ${application}`);
  for (const s of report.steps) {
    const via = s.viaProxy ? ' [through the proxy]' : '';
    log.info(`  ${MARKS[s.status]} ${names[s.step]}: ${s.detail} (${s.ms} ms)${via}`);
  }
  log.info(report.stoppedAt ? `  Stopped at ${names[report.stoppedAt]}. ${report.next}` : `  ${report.next}`);
}

async function showSummary(ctx: CommandContext, application: string, report: ProbeReport): Promise<void> {
  const names = stepNames();
  const showLog = vscode.l10n.t('Show Log');
  if (!report.stoppedAt) {
    const total = report.steps.reduce((sum, s) => sum + s.ms, 0);
    const chosen = await vscode.window.showInformationMessage(
      vscode.l10n.t('Connection to {0}: all steps passed in {1} ms. {2}', application, total, report.next),
      showLog,
    );
    if (chosen === showLog) ctx.log.show(true);
    return;
  }
  const failed = report.steps.find((s) => s.step === report.stoppedAt)!;
  const chosen = await vscode.window.showWarningMessage(
    vscode.l10n.t(
      'Connection to {0} stopped at {1}: {2}. {3}',
      application,
      names[failed.step],
      failed.detail,
      report.next,
    ),
    showLog,
  );
  if (chosen === showLog) ctx.log.show(true);
}
