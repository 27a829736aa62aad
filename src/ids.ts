// Every identifier the extension shares with package.json lives here once; a unit test checks that
// the two agree.

export const EXTENSION_ID = 'identity-cloud-tools.identity-cloud-clients';

export const Commands = {
  addApplication: 'identityCloud.addApplication',
  setOwnerCredentials: 'identityCloud.setOwnerCredentials',
  removeApplication: 'identityCloud.removeApplication',
  createClient: 'identityCloud.createClient',
  copyLastCreatedCredentials: 'identityCloud.copyLastCreatedCredentials',
  refresh: 'identityCloud.refresh',
  copyClientId: 'identityCloud.copyClientId',
  copyCredentials: 'identityCloud.copyCredentials',
  writeCredentialsToEnv: 'identityCloud.writeCredentialsToEnv',
  editDescription: 'identityCloud.editDescription',
  editFeatures: 'identityCloud.editFeatures',
  editAllowList: 'identityCloud.editAllowList',
  clearAllowList: 'identityCloud.clearAllowList',
  resetSecret: 'identityCloud.resetSecret',
  deleteClient: 'identityCloud.deleteClient',
  showLog: 'identityCloud.showLog',
  ignoreEnvFiles: 'identityCloud.ignoreEnvFiles',
  // Client settings and login clients (issue 10)
  addSetting: 'identityCloud.addSetting',
  editSettingValue: 'identityCloud.editSettingValue',
  deleteSetting: 'identityCloud.deleteSetting',
  copySettingValue: 'identityCloud.copySettingValue',
  setApplicationDefault: 'identityCloud.setApplicationDefault',
  deleteApplicationDefault: 'identityCloud.deleteApplicationDefault',
  checkCredentials: 'identityCloud.checkCredentials',
  // Credentials in the workspace (hover links, lenses, quick fixes)
  revealClient: 'identityCloud.revealClient',
  updateEnvCredential: 'identityCloud.updateEnvCredential',
  addToGitIgnore: 'identityCloud.addToGitIgnore',
  checkEnvCredentials: 'identityCloud.checkEnvCredentials',
  checkConnection: 'identityCloud.checkConnection',
  // Hosted Login (OIDC) login clients (issue 18)
  connectHostedLogin: 'identityCloud.connectHostedLogin',
  createLoginClient: 'identityCloud.createLoginClient',
  editRedirectUris: 'identityCloud.editRedirectUris',
  resetLoginClientSecret: 'identityCloud.resetLoginClientSecret',
  deleteLoginClient: 'identityCloud.deleteLoginClient',
  copyLoginClientId: 'identityCloud.copyLoginClientId',
  writeLoginClientToEnv: 'identityCloud.writeLoginClientToEnv',
  trySignIn: 'identityCloud.trySignIn',
  // The Configuration API (issue 17)
  connectConfigApi: 'identityCloud.connectConfigApi',
  copyFlowName: 'identityCloud.copyFlowName',
  copyFlowVersion: 'identityCloud.copyFlowVersion',
  pickFlow: 'identityCloud.pickFlow',
  checkAllEnvFiles: 'identityCloud.checkAllEnvFiles',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];

export const SETTINGS_SECTION = 'identityCloud';

export const Views = {
  container: 'identityCloud',
  clients: 'identityCloud.clients',
  /** The command VS Code contributes for every view: shows and focuses it. */
  focusClients: 'identityCloud.clients.focus',
} as const;

/** Keys below {@link SETTINGS_SECTION}. */
export const Settings = {
  applications: 'applications',
  envKeys: 'envKeys',
  credentialsDestination: 'credentialsDestination',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  clearClipboardAfterSeconds: 'clearClipboardAfterSeconds',
  protectedApplicationPattern: 'protectedApplicationPattern',
  defaultFlowName: 'defaultFlowName',
  // Credentials in the workspace (hover, problems, quick fixes, lenses)
  credentialChecks: 'credentialChecks',
  credentialLenses: 'credentialLenses',
  clientListMaxAgeMinutes: 'clientListMaxAgeMinutes',
  // Hosted Login (OIDC)
  oidcEnvKeys: 'oidcEnvKeys',
  hostedLoginScope: 'hostedLoginScope',
  signInTimeoutSeconds: 'signInTimeoutSeconds',
  checkWorkspaceEnvFiles: 'checkWorkspaceEnvFiles',
} as const;

/** The walkthrough (contributes.walkthroughs; VS Code knows it as `${EXTENSION_ID}#getStarted`) and its steps. */
export const Walkthrough = {
  id: 'getStarted',
  steps: {
    addApplication: 'addApplication',
    createClient: 'createClient',
    findInTree: 'findInTree',
    keepOutOfGit: 'keepOutOfGit',
  },
} as const;

export const ContextKeys = {
  hasApplications: 'identityCloud.hasApplications',
  hasLastCreatedCredentials: 'identityCloud.hasLastCreatedCredentials',
  /** A client was created in this window: the walkthrough's "Create an API client" is done. */
  hasCreatedClient: 'identityCloud.hasCreatedClient',
} as const;

/** Tree item context values (package.json menus match on them). */
export const TreeItemKinds = {
  application: 'application',
  client: 'client',
  ownClient: 'client.own',
  settings: 'settings',
  setting: 'setting',
  loginClients: 'loginClients',
  loginClient: 'loginClient',
  confidentialLoginClient: 'loginClient.confidential',
  flows: 'flows',
  flow: 'flow',
  flowVersion: 'flowVersion',
} as const;

/** What every SecretStorage key of the extension starts with. */
export const OWNER_SECRET_KEY_PREFIX = 'identityCloud.ownerSecret:';

/** SecretStorage key for an application's owner client secret. */
export function ownerSecretKey(domain: string, clientId: string): string {
  return `${OWNER_SECRET_KEY_PREFIX}${domain}:${clientId}`;
}

/** What every SecretStorage key of a Hosted Login configuration client secret starts with. */
export const CONFIG_SECRET_KEY_PREFIX = 'identityCloud.hostedLoginSecret:';

/** SecretStorage key for a Hosted Login configuration client's secret at an API base. */
export function configSecretKey(base: string, configClientId: string): string {
  return `${CONFIG_SECRET_KEY_PREFIX}${base}:${configClientId}`;
}

/** The `.env` variable names of an OIDC app, unless `identityCloud.oidcEnvKeys` names others. */
export const DEFAULT_OIDC_ENV_KEYS = {
  issuer: 'OIDC_ISSUER',
  clientId: 'OIDC_CLIENT_ID',
  clientSecret: 'OIDC_CLIENT_SECRET',
  redirectUri: 'OIDC_REDIRECT_URI',
} as const;

/** The `.env` variable names written unless `identityCloud.envKeys` names others. */
export const DEFAULT_ENV_KEYS = {
  clientId: 'IDENTITY_CLOUD_CLIENT_ID',
  clientSecret: 'IDENTITY_CLOUD_CLIENT_SECRET',
  captureDomain: 'IDENTITY_CLOUD_CAPTURE_DOMAIN',
} as const;
