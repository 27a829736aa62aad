// What the .vsix ships, read from the packaged file itself (npm run package; npm test builds it
// first): only the run-time files, and within the size budgets of test/bench/budgets.json.
// Sizes are checked here because they are facts, not timings; timings live in npm run bench.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const root = path.resolve(__dirname, '../../..');
const vsix = path.join(root, 'dist/identity-cloud-clients.vsix');
const budgets = JSON.parse(readFileSync(path.join(root, 'test/bench/budgets.json'), 'utf8'));

interface ZipEntry {
  readonly size: number;
  /** The entry's bytes, inflated. */
  read(): Buffer;
}

/** The entries of a zip file, from its central directory. */
function zipEntries(file: string): Map<string, ZipEntry> {
  const zip = readFileSync(file);
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  assert.ok(end >= 0, `${file} is not a zip file`);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const read = () => {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    };
    entries.set(zip.toString('utf8', at + 46, at + 46 + nameLength), { size, read });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

describe('the packaged .vsix', () => {
  before(function () {
    assert.ok(existsSync(vsix), `${path.relative(root, vsix)} is missing: run npm run package first`);
  });

  it('holds only the bundle, media (icons, walkthrough), manifest, nls, README, CHANGELOG and LICENSE', () => {
    const files = [...zipEntries(vsix).keys()].filter((f) => f.startsWith('extension/')).sort();
    assert.deepEqual(files, [
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/extension.js',
      'extension/media/icon.png',
      'extension/media/identity-cloud.svg',
      'extension/media/walkthrough/addApplication.md',
      'extension/media/walkthrough/createClient.md',
      'extension/media/walkthrough/findInTree.md',
      'extension/media/walkthrough/keepOutOfGit.md',
      'extension/package.json',
      'extension/package.nls.json',
      'extension/readme.md',
    ]);
  });

  it(`keeps the bundle within ${budgets.bundleKB} KB`, () => {
    const bytes = zipEntries(vsix).get('extension/dist/extension.js')!.size;
    assert.ok(bytes <= budgets.bundleKB * 1024, `dist/extension.js is ${(bytes / 1024).toFixed(1)} KB`);
  });

  it(`keeps the .vsix within ${budgets.vsixKB} KB`, () => {
    const bytes = statSync(vsix).size;
    assert.ok(bytes <= budgets.vsixKB * 1024, `the .vsix is ${(bytes / 1024).toFixed(1)} KB`);
  });

  it('shows a 128×128 PNG icon and links no repository', () => {
    const entries = zipEntries(vsix);
    const manifest = JSON.parse(entries.get('extension/package.json')!.read().toString('utf8')) as {
      icon?: string;
      repository?: unknown;
    };
    assert.equal(manifest.icon, 'media/icon.png');
    const png = entries.get(`extension/${manifest.icon}`)?.read();
    assert.ok(png, 'the icon is in the .vsix');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'width and height');
    assert.equal(manifest.repository, undefined, 'no dead repository link');
  });

  it('ships a production bundle: minified, no source map, no test code', () => {
    const entries = zipEntries(vsix);
    assert.ok(!entries.has('extension/dist/extension.js.map'));
    const text = entries.get('extension/dist/extension.js')!.read().toString('utf8');
    assert.ok(text.length / text.split('\n').length > 500, 'extension.js is minified');
    assert.doesNotMatch(text, /sourceMappingURL/);
    // The sandbox's seed (test/sandbox/extension.ts) and the emulator are never in what ships.
    assert.doesNotMatch(text, /startEmulator|IDENTITY_CLOUD_SANDBOX_APP/);
  });
});
