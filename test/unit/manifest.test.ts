import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  Commands,
  ContextKeys,
  SETTINGS_SECTION,
  Settings,
  TreeItemKinds,
  Views,
  EXTENSION_ID,
  Walkthrough,
} from '../../src/ids';
import { existsSync } from 'node:fs';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const contributes = manifest.contributes;

describe('package.json agrees with src/ids.ts', () => {
  it('names the extension as the code expects', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
    assert.equal(manifest.name, 'identity-cloud-clients');
    // Commands and the view activate by themselves; the editor features on env files need the
    // extension running when such a file opens, whatever language the host gives it: dotenv from
    // VS Code 1.106 on; before, properties (.env) and shellscript (.env.*). At the root a file
    // check (no glob), never a search of the whole workspace. Links need it for onUri.
    assert.deepEqual(manifest.activationEvents, [
      'onLanguage:dotenv',
      'onLanguage:properties',
      'onLanguage:shellscript',
      'workspaceContains:.env',
      'workspaceContains:.env.local',
      'onUri',
    ]);
    for (const event of manifest.activationEvents as string[])
      assert.doesNotMatch(event, /^workspaceContains:.*[*?{[]/, `${event} would search the workspace`);
    assert.equal(manifest.engines.vscode, '^1.100.0');
  });

  it('contributes exactly the commands in the command table', () => {
    const declared = contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
  });

  it('gives every command a category and a localised Title Case title', () => {
    for (const c of contributes.commands) {
      assert.equal(c.category, '%category%', c.command);
      const key = /^%(.+)%$/.exec(c.title)?.[1];
      assert.ok(key && nls[key], `${c.command} has a title in package.nls.json`);
      for (const word of nls[key!]!.replace(/…/g, '').split(' ')) {
        if (['to', 'a', 'an', 'the', 'of'].includes(word) || word.startsWith('.')) continue;
        assert.match(word, /^[A-Z]/, `"${nls[key!]}" is in Title Case`);
      }
    }
  });

  it('resolves every %key% in the manifest from package.nls.json', () => {
    const keys = JSON.stringify(manifest).match(/"%[^"%]+%"/g) ?? [];
    for (const quoted of keys) assert.ok(nls[quoted.slice(2, -2)], `${quoted} is in package.nls.json`);
  });

  it('declares the view container, the view and its welcome content', () => {
    assert.equal(contributes.viewsContainers.activitybar[0].id, Views.container);
    assert.equal(contributes.views[Views.container][0].id, Views.clients);
    const welcome = contributes.viewsWelcome.find((w: { view: string }) => w.view === Views.clients);
    assert.equal(welcome.when, `!${ContextKeys.hasApplications}`);
    assert.match(nls[welcome.contents.slice(1, -1)]!, new RegExp(`\\(command:${Commands.addApplication}\\)`));
  });

  it('declares every setting the code reads, and no others', () => {
    const declared = Object.keys(contributes.configuration.properties).sort();
    assert.deepEqual(
      declared,
      Object.values(Settings)
        .map((s) => `${SETTINGS_SECTION}.${s}`)
        .sort(),
    );
    for (const [key, value] of Object.entries<Record<string, unknown>>(
      contributes.configuration.properties,
    )) {
      assert.ok(value.markdownDescription, `${key} has a markdownDescription`);
      assert.ok('default' in value, `${key} has a default`);
      assert.ok(value.scope, `${key} has a scope`);
    }
  });

  it('keeps the settings that decide where owner credentials go out of workspace reach', () => {
    const props = contributes.configuration.properties;
    assert.equal(props[`${SETTINGS_SECTION}.${Settings.applications}`].scope, 'application');
    assert.equal(props[`${SETTINGS_SECTION}.${Settings.protectedApplicationPattern}`].scope, 'application');
    assert.ok(manifest.capabilities.untrustedWorkspaces);
  });

  it('uses only command IDs and tree item kinds the code defines in its menus', () => {
    const known = new Set<string>(Object.values(Commands));
    const kinds = Object.values(TreeItemKinds);
    for (const entries of Object.values<Array<{ command: string; when?: string }>>(contributes.menus)) {
      for (const entry of entries) {
        assert.ok(known.has(entry.command), entry.command);
        for (const match of entry.when?.matchAll(/viewItem == ([\w.]+)/g) ?? []) {
          assert.ok(kinds.includes(match[1] as never), `${match[1]} is a TreeItemKinds value`);
        }
      }
    }
  });

  it('contributes the walkthrough, each step completing on what was achieved, a command or a view', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.equal(walkthrough.id, Walkthrough.id);
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      Object.values(Walkthrough.steps),
    );
    const commands = new Set<string>(Object.values(Commands));
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(path.join(root, step.media.markdown)), `${step.media.markdown} exists`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on an event`);
      for (const event of step.completionEvents as string[]) {
        const [kind, id] = event.split(':');
        if (kind === 'onCommand') assert.ok(commands.has(id!), `${event} names a command of the extension`);
        else if (kind === 'onContext')
          assert.ok(
            Object.values(ContextKeys).includes(id as never),
            `${event} names a context key the extension sets`,
          );
        else assert.equal(event, `onView:${Views.clients}`, `${step.id}: ${event}`);
      }
      // Its button runs a command of the extension (or shows its view).
      // A step the user achieves ticks when it is achieved (an application is there, as in the
      // sandbox; a client was created), not when its prompt opens.
      if (step.id === Walkthrough.steps.addApplication)
        assert.deepEqual(step.completionEvents, [`onContext:${ContextKeys.hasApplications}`]);
      if (step.id === Walkthrough.steps.createClient)
        assert.deepEqual(step.completionEvents, [`onContext:${ContextKeys.hasCreatedClient}`]);
      const links = [...nls[step.description.slice(1, -1)]!.matchAll(/\(command:([\w.]+)\)/g)].map(
        (m) => m[1],
      );
      assert.equal(links.length, 1, `${step.id} has one button`);
      assert.ok(commands.has(links[0]!) || links[0] === Views.focusClients, `${links[0]} exists`);
    }
  });
});
