import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  ENV_GITIGNORE_LINES,
  missingLines,
  isEnvFileName,
  isEnvFilePath,
  isTemplateName,
  isTemplatePath,
  realEnvFileName,
} from '../../src/env/envFiles';

const ENV_FILES = [
  '.env',
  '.env.local',
  '.env.production',
  '.env.example',
  '.env.local.sample',
  'prod.env',
  'app.env',
];
const NOT_ENV_FILES = [
  'env',
  '.envrc',
  'env.json',
  '.environment',
  'README.md',
  'config.env.json',
  'prod.env.sample',
];

describe('env files: which files are env files', () => {
  it('counts .env, .env.* and *.env, and no other name', () => {
    for (const name of ENV_FILES) assert.equal(isEnvFileName(name), true, name);
    for (const name of NOT_ENV_FILES) assert.equal(isEnvFileName(name), false, name);
  });

  it('reads the name at the end of a path, with either separator', () => {
    assert.equal(isEnvFilePath('/work/services/checkout/.env.local'), true);
    assert.equal(isEnvFilePath('C:\\repo\\config\\prod.env'), true);
    assert.equal(isEnvFilePath('/work/.env/settings.json'), false);
  });
});

describe('env files: templates', () => {
  it('counts an env file ending in example, sample, template, dist or defaults as a template', () => {
    for (const name of [
      '.env.example',
      '.env.sample',
      '.env.template',
      '.env.DIST',
      '.env.defaults',
      '.env.local.example',
    ])
      assert.equal(isTemplateName(name), true, name);
    for (const name of [
      '.env',
      '.env.local',
      'app.env',
      '.env.examples',
      'example',
      'prod.env.sample',
      '.example',
    ])
      assert.equal(isTemplateName(name), false, name);
    assert.equal(isTemplatePath('/repo/services/a/.env.example'), true);
    assert.equal(isTemplatePath('/repo/.env.example/.env'), false);
  });

  it('maps a template to the file that gets real values, and any other name to itself', () => {
    assert.deepEqual(
      [
        '.env.example',
        '.env.local.sample',
        '.env.template',
        '.env.DIST',
        '.env',
        '.env.local',
        'app.env',
      ].map(realEnvFileName),
      ['.env', '.env.local', '.env', '.env', '.env', '.env.local', 'app.env'],
    );
  });
});

describe('env files: the .gitignore for a folder that is not a repository yet', () => {
  it('makes git ignore every env file but the templates', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'icc-gitignore-'));
    try {
      assert.equal(spawnSync('git', ['init', '-q', repo]).status, 0, 'git init');
      fs.writeFileSync(path.join(repo, '.gitignore'), ENV_GITIGNORE_LINES.join('\n') + '\n');
      const names = [...ENV_FILES, ...NOT_ENV_FILES, '.env.local.template', '.env.dist', 'config.env'];
      const paths = names.flatMap((name) => [name, `services/a/${name}`]);
      // git check-ignore prints the paths it ignores (they need not exist).
      const ignored = spawnSync('git', ['-C', repo, 'check-ignore', '--no-index', ...paths], {
        encoding: 'utf8',
      }).stdout.split('\n');
      for (const p of paths) {
        const name = path.basename(p);
        assert.equal(ignored.includes(p), isEnvFileName(name) && !isTemplateName(name), p);
      }
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('adds only the lines a .gitignore does not have yet', () => {
    assert.deepEqual(missingLines('node_modules\r\n.env\r\n*.env \r\n', ['.env', '.env.*', '*.env']), [
      '.env.*',
    ]);
    assert.deepEqual(missingLines(ENV_GITIGNORE_LINES.join('\n'), ENV_GITIGNORE_LINES), []);
  });
});
