import { strict as assert } from 'node:assert';
import {
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
