// The extension as VS Code sees it: installed, activating without errors, and with a handler
// behind every command its manifest contributes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'identity-cloud-tools.identity-cloud-clients';

interface Manifest {
  contributes?: { commands?: { command: string }[] };
}

function theExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  return extension;
}

describe(`smoke: VS Code ${vscode.version}, extension host on Node ${process.versions.node}`, () => {
  it('is present', () => {
    assert.equal(theExtension().id, EXTENSION_ID);
  });

  it('activates', async () => {
    const extension = theExtension();
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('registers every command it contributes', async () => {
    const extension = theExtension();
    await extension.activate();
    const contributed = ((extension.packageJSON as Manifest).contributes?.commands ?? []).map(
      (c) => c.command,
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((command) => !registered.has(command)),
      [],
      'contributed commands without a handler',
    );
  });
});
