import vscode = require('vscode');
import { SettingsClient } from '../api/settingsClient';
import { FLOW_NAME_KEY, FLOW_VERSION_KEY } from '../api/settingsRules';
import { askFlowName, askFlowVersion, flowChoices } from '../ui/flowPick';
import { confirmProtected } from '../ui/clientPrompts';
import { UserFacingError } from '../common/userFacingError';
import { BACK, pickOne } from '../ui/quickInput';
import { withApiProgress } from '../ui/progress';
import { askSettingKey, askSettingValue } from '../ui/settingPrompts';
import { ownerClient, progressPlace, targetClient, type ClientTarget, type CommandContext } from './context';
import type { CommandInvocation, Invocation } from './arguments';
import type { Commands } from '../ids';

// Add Setting…, Edit Value…, Delete Setting…, Copy Value: one client's own settings, always
// addressed with for_client_id. Arguments: `{ application, clientId, key, value }`.

const nameOf = (target: ClientTarget) => target.client.description || target.client.clientId;

/** What the setting commands are invoked with (Delete and Copy take no `value`). */
type SettingInvocation = Invocation<{
  readonly application?: string;
  readonly clientId?: string;
  readonly key?: string;
  readonly value?: string;
}>;

/** The setting's key: the node's, or the `key` argument (checked when the command started). */
function keyArg(inv: SettingInvocation): string | undefined {
  return inv.node?.kind === 'setting' ? inv.node.key : inv.args.key;
}

async function settingsApi(ctx: CommandContext, target: ClientTarget) {
  const api = await ownerClient(ctx, target.app);
  return api && new SettingsClient(api);
}

/** The client, its settings API and the existing setting a command is about; undefined when the user cancels. */
async function settingCommandTarget(ctx: CommandContext, inv: SettingInvocation, title: string) {
  const target = await targetClient(ctx, inv, title);
  if (!target) return undefined;
  const api = await settingsApi(ctx, target);
  if (!api) return undefined;
  const setting = await existingSetting(inv, target, api, title);
  return setting && { target, api, setting };
}

/**
 * The existing setting a command is about: from the node, the `key` argument, or picked from the
 * client's settings (then `items` holds all of them, as read).
 */
async function existingSetting(
  inv: SettingInvocation,
  target: ClientTarget,
  api: SettingsClient,
  title: string,
): Promise<{ key: string; value: string; items?: Readonly<Record<string, string>> } | undefined> {
  if (inv.node?.kind === 'setting') return { key: inv.node.key, value: inv.node.value };
  const items = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Reading the settings of {0}…', nameOf(target)),
    (signal) => api.items(target.client.clientId, { signal }),
  );
  const wanted = keyArg(inv);
  if (wanted !== undefined) {
    if (!(wanted in items))
      throw new UserFacingError(vscode.l10n.t('{0} has no setting "{1}".', nameOf(target), wanted));
    return { key: wanted, value: items[wanted]!, items };
  }
  const keys = Object.keys(items).sort();
  if (keys.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no settings.', nameOf(target)));
  const chosen = await pickOne(
    keys.map((key) => ({ label: key, description: items[key]!.slice(0, 80), key })),
    { title, placeholder: vscode.l10n.t('Pick a setting of {0}', nameOf(target)) },
  );
  return chosen && chosen !== BACK ? { key: chosen.key, value: items[chosen.key]!, items } : undefined;
}

/** Identity Cloud: Add Setting… — a key and a value for one client (settings/set). */
export async function addSetting(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.addSetting>,
): Promise<void> {
  const title = vscode.l10n.t('Add Setting');
  const target = await targetClient(ctx, inv, title);
  if (!target) return;
  const stepTitle = vscode.l10n.t('Add Setting to {0}', nameOf(target));
  const key = keyArg(inv) ?? (await askSettingKey(stepTitle, vscode.l10n.t('The key of the new setting.')));
  if (key === undefined) return;
  const value = inv.args.value ?? (await askSettingValue(stepTitle, key, undefined));
  if (value === undefined) return;
  const api = await settingsApi(ctx, target);
  if (!api) return;
  await write(ctx, inv, target, api, key, value);
}

/** Identity Cloud: Edit Value… — a new value for an existing setting (settings/set). */
export async function editSettingValue(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.editSettingValue>,
): Promise<void> {
  const found = await settingCommandTarget(ctx, inv, vscode.l10n.t('Edit Setting Value'));
  if (!found) return;
  const { target, api, setting } = found;
  const title = vscode.l10n.t('Edit {0} of {1}', setting.key, nameOf(target));
  const given = inv.args.value;
  const value =
    given ??
    (isFlowKey(setting.key)
      ? await askFlowSetting(ctx, inv, target, api, setting, title)
      : await askSettingValue(title, setting.key, setting.value));
  if (value === undefined) return;
  await write(ctx, inv, target, api, setting.key, value);
}

async function write(
  ctx: CommandContext,
  inv: Invocation<unknown>,
  target: ClientTarget,
  api: SettingsClient,
  key: string,
  value: string,
): Promise<void> {
  const replaced = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Setting {0} of {1}…', key, nameOf(target)),
    (signal) => api.set(target.client.clientId, key, value, { signal }),
  );
  ctx.log.info(
    `Set setting ${key} of ${target.client.clientId} in ${target.app.name} (${value.length} characters)`,
  );
  ctx.tree.refresh(target.app);
  void vscode.window.showInformationMessage(
    replaced
      ? vscode.l10n.t('Changed {0} of {1}.', key, nameOf(target))
      : vscode.l10n.t('Added {0} to {1}.', key, nameOf(target)),
  );
}

/** Identity Cloud: Delete Setting… — after a modal confirmation (and the application's name when it looks like production). */
export async function deleteSetting(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.deleteSetting>,
): Promise<void> {
  const title = vscode.l10n.t('Delete Setting');
  const found = await settingCommandTarget(ctx, inv, title);
  if (!found) return;
  const { target, api, setting } = found;
  const remove = vscode.l10n.t('Delete');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Delete the setting "{0}" of {1}?', setting.key, nameOf(target)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'Services using this client no longer get its value; an application default for "{0}", if there is one, applies instead.',
        setting.key,
      ),
    },
    remove,
  );
  if (choice !== remove) return;
  if (!(await confirmProtected(target.app, title))) return;
  const existed = await withApiProgress(
    progressPlace(inv),
    vscode.l10n.t('Deleting {0} of {1}…', setting.key, nameOf(target)),
    (signal) => api.delete(target.client.clientId, setting.key, { signal }),
  );
  ctx.log.info(`Deleted setting ${setting.key} of ${target.client.clientId} in ${target.app.name}`);
  ctx.tree.refresh(target.app);
  void vscode.window.showInformationMessage(
    existed
      ? vscode.l10n.t('Deleted {0} of {1}.', setting.key, nameOf(target))
      : vscode.l10n.t(
          '{0} has no value of its own for {1} (it comes from the application default): nothing was deleted.',
          nameOf(target),
          setting.key,
        ),
  );
}

/** Identity Cloud: Copy Value — a setting's value, exactly, to the clipboard. */
export async function copySettingValue(
  ctx: CommandContext,
  inv: CommandInvocation<typeof Commands.copySettingValue>,
): Promise<void> {
  const found = await settingCommandTarget(ctx, inv, vscode.l10n.t('Copy Setting Value'));
  if (!found) return;
  const { setting } = found;
  await vscode.env.clipboard.writeText(setting.value);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the value of {0}.', setting.key));
}

function isFlowKey(key: string): boolean {
  return key === FLOW_NAME_KEY || key === FLOW_VERSION_KEY;
}

/**
 * A new default_flow_name picked from the application's flows, or a default_flow_version picked
 * from the versions of the client's flow; typed, as before, where there is no list.
 */
async function askFlowSetting(
  ctx: CommandContext,
  inv: Invocation<unknown>,
  target: ClientTarget,
  api: SettingsClient,
  setting: { key: string; value: string; items?: Readonly<Record<string, string>> },
  title: string,
): Promise<string | undefined> {
  const place = progressPlace(inv);
  const choices = await flowChoices(ctx, target.app, place);
  if (setting.key === FLOW_NAME_KEY) {
    const name = await askFlowName(choices, { title, current: setting.value });
    return typeof name === 'string' ? name : undefined;
  }
  // The client's flow: from the settings already read to find this one, else read now (a tree row).
  const items =
    setting.items ??
    (await withApiProgress(place, vscode.l10n.t('Reading the settings of {0}…', nameOf(target)), (signal) =>
      api.items(target.client.clientId, { signal }),
    ));
  const version = await askFlowVersion(choices, items[FLOW_NAME_KEY] ?? '', {
    title,
    current: setting.value,
  });
  return typeof version === 'string' ? version : undefined;
}
