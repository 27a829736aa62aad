import vscode = require('vscode');
import { SettingsClient } from '../api/settingsClient';
import { shortValue } from '../api/settingsRules';
import type { Application } from '../applications/applicationStore';
import { confirmProtected } from '../ui/clientPrompts';
import { withApiProgress } from '../ui/progress';
import { askSettingKey, askSettingValue } from '../ui/settingPrompts';
import { ownerClient, progressPlace, targetApplication, type CommandContext } from './context';
import type { CommandInvocation, Invocation } from './arguments';
import type { Commands } from '../ids';

// Set/Delete Application Default…: settings/set_default and delete_default, after showing the
// current value (settings/get_default). There is no documented call listing every default, so the
// user names the key. Arguments: `{ application, key, value }`.

interface DefaultTarget {
  readonly app: Application;
  readonly api: SettingsClient;
  readonly key: string;
  readonly current: string | undefined;
}

async function defaultTarget(
  ctx: CommandContext,
  inv: Invocation<{ readonly application?: string; readonly key?: string }>,
  title: string,
): Promise<DefaultTarget | undefined> {
  const given = inv.args.key;
  const app = await targetApplication(ctx, inv, title);
  if (!app) return undefined;
  const key =
    given ??
    (await askSettingKey(
      vscode.l10n.t('{0} in {1}', title, app.name),
      vscode.l10n.t('The key of the application default (it applies to every client without its own value).'),
    ));
  if (key === undefined) return undefined;
  const capture = await ownerClient(ctx, app);
  if (!capture) return undefined;
  const api = new SettingsClient(capture);
  const current = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Reading the default of {0} in {1}…', key, app.name),
    (signal) => api.getDefault(key, { signal }),
  );
  return { app, api, key, current };
}

const currentWords = (current: string | undefined) =>
  current === undefined
    ? vscode.l10n.t('There is no default for it yet.')
    : vscode.l10n.t('Its current default is "{0}".', shortValue(current, 200));

/** Identity Cloud: Set Application Default… */
export async function setApplicationDefault(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.setApplicationDefault>,
): Promise<void> {
  const title = vscode.l10n.t('Set Application Default');
  const givenValue = inv.args.value;
  const target = await defaultTarget(ctx, inv, title);
  if (!target) return;
  const { app, api, key, current } = target;
  const value =
    givenValue ?? (await askSettingValue(vscode.l10n.t('{0} in {1}', title, app.name), key, current));
  if (value === undefined) return;
  const set = vscode.l10n.t('Set Default');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Set the default of "{0}" for every client of {1}?', key, app.name),
    {
      modal: true,
      detail: `${vscode.l10n.t(
        'A default applies to every client of {0} that has no value of its own for "{1}", including clients created later.',
        app.name,
        key,
      )}\n\n${currentWords(current)}`,
    },
    set,
  );
  if (choice !== set) return;
  await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Setting the default of {0} in {1}…', key, app.name),
    (signal) => api.setDefault(key, value, { signal }),
  );
  ctx.log.info(`Set the application default of ${key} in ${app.name} (${value.length} characters)`);
  ctx.tree.refresh(app);
  void vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Set the default of {0} in {1}: every client without its own value now gets it.',
      key,
      app.name,
    ),
  );
}

/** Identity Cloud: Delete Application Default… */
export async function deleteApplicationDefault(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.deleteApplicationDefault>,
): Promise<void> {
  const title = vscode.l10n.t('Delete Application Default');
  const target = await defaultTarget(ctx, inv, title);
  if (!target) return;
  const { app, api, key, current } = target;
  if (current === undefined) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('{0} has no default for "{1}": nothing to delete.', app.name, key),
    );
    return;
  }
  const remove = vscode.l10n.t('Delete Default');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the default of "{0}" in {1}?', key, app.name),
    {
      modal: true,
      detail: `${currentWords(current)}\n\n${vscode.l10n.t(
        'Every client of {0} without its own value for "{1}" loses it.',
        app.name,
        key,
      )}`,
    },
    remove,
  );
  if (choice !== remove) return;
  if (!(await confirmProtected(app, title))) return;
  await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Deleting the default of {0} in {1}…', key, app.name),
    (signal) => api.deleteDefault(key, { signal }),
  );
  ctx.log.info(`Deleted the application default of ${key} in ${app.name}`);
  ctx.tree.refresh(app);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Deleted the default of {0} in {1}.', key, app.name),
  );
}
