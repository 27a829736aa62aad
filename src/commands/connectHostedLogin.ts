import vscode = require('vscode');
import {
  HOSTED_LOGIN_REGIONS,
  checkCustomerId,
  parseOidcUrl,
  type HostedLoginLocation,
} from '../api/hostedLoginLocation';
import type { HostedLoginConnection } from '../applications/hostedLoginSettings';
import { secretStorageCall } from '../applications/secretStorage';
import { runSteps } from '../ui/multiStep';
import { BACK, askText, pickOne } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import { progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation } from './arguments';
import type { Commands } from '../ids';

/**
 * Identity Cloud: Connect Hosted Login… — where the application's Hosted Login is (a pasted oidc_url,
 * or a customer ID and region) and its configuration client's ID and secret. A configuration token
 * is fetched before anything is saved; the secret goes to SecretStorage only.
 * Arguments: `{ application?, oidcUrl?, customerId?, region?, configClientId? }`.
 */
export async function connectHostedLogin(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.connectHostedLogin>,
): Promise<void> {
  const app = await targetApplication(ctx, inv, vscode.l10n.t('Connect Hosted Login'));
  if (!app) return;
  const title = vscode.l10n.t('Connect Hosted Login for {0}', app.name);
  const t = vscode.l10n.t;
  const given = inv.args.oidcUrl ?? inv.args.customerId;
  const givenRegion = inv.args.region;
  let location: HostedLoginLocation | undefined = app.hostedLogin;
  let where = given ?? app.hostedLogin?.customerId ?? '';
  let configClientId = inv.args.configClientId ?? app.hostedLogin?.configClientId ?? '';
  let secret = '';

  const completed = await runSteps([
    {
      ask: async (position) => {
        const answer = await askText({
          title,
          ...position,
          prompt: t(
            'Paste the oidc_url from Console → Manage Application → Global Settings, or type the customer_id shown there.',
          ),
          placeholder: t('e.g. https://v1.api.us.janrain.com/CUSTOMER_ID/login'),
          value: where,
          validate: (v) => {
            const parsed = /:\/\//.test(v) ? parseOidcUrl(v, t) : undefined;
            return parsed && 'problem' in parsed
              ? parsed.problem
              : parsed
                ? undefined
                : checkCustomerId(v, t);
          },
        });
        if (typeof answer !== 'string') return answer;
        where = answer.trim();
        const parsed = /:\/\//.test(where) ? parseOidcUrl(where, t) : undefined;
        location = parsed && !('problem' in parsed) ? parsed : { customerId: where, region: givenRegion };
        return answer;
      },
    },
    {
      skip: () => !location || location.region !== undefined || location.origin !== undefined,
      ask: async (position) => {
        const chosen = await pickOne(
          HOSTED_LOGIN_REGIONS.map((region) => ({
            label: region,
            description: `v1.api.${region}.janrain.com`,
          })),
          {
            title,
            ...position,
            placeholder: t('Which region is the application in? (the host of its oidc_url)'),
          },
        );
        if (chosen && chosen !== BACK) location = { customerId: location!.customerId, region: chosen.label };
        return chosen;
      },
    },
    {
      ask: async (position) => {
        const answer = await askText({
          title,
          ...position,
          prompt: t(
            'The client ID of the configuration client Akamai provisioned for Hosted Login (not a login client).',
          ),
          placeholder: t('configuration client ID'),
          value: configClientId,
          validate: (v) => (v.trim() ? undefined : t('Enter the configuration client ID.')),
        });
        if (typeof answer === 'string') configClientId = answer.trim();
        return answer;
      },
    },
    {
      ask: async (position) => {
        const answer = await askText({
          title,
          ...position,
          prompt: t("The configuration client's secret. It is kept in VS Code's secret storage only."),
          placeholder: t('configuration client secret'),
          password: true,
          validate: (v) => (v.trim() ? undefined : t('Enter the configuration client secret.')),
        });
        if (typeof answer === 'string') secret = answer.trim();
        return answer;
      },
    },
  ]);
  if (!completed || !location) return;

  const connection: HostedLoginConnection = { ...location, configClientId };
  const api = ctx.hostedLogin.kept(app.name, connection, secret);
  await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Getting a configuration token from Hosted Login…'),
    (signal) => api.checkCredentials({ signal }),
  );
  await secretStorageCall(() => ctx.hostedLogin.storeSecret(connection, secret), 'save', 'configuration');
  await ctx.store.save({ ...app, hostedLogin: connection }, app);
  ctx.tree.refresh(app);
  ctx.log.info(`Connected Hosted Login of ${app.name} (customer ${connection.customerId})`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Hosted Login of {0} is connected (customer {1}). Its login clients are under "Login Clients (Hosted Login)".',
      app.name,
      connection.customerId,
    ),
  );
}
