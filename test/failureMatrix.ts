// The failure matrix: every way a user's action can go wrong that the extension promises to handle,
// with what the user then sees and what is kept. One table for three readers: the unit tier
// (test/unit/failureMatrix.test.ts) runs the cases whose logic is pure, the integration tier
// (test/integration/failureMatrix.test.ts) runs them through the real commands in a real extension
// host against the emulator, and the README's troubleshooting section is rendered from it
// (renderMarkdown). Each tier checks that it has a test for every case the table gives it.
//
// Plain TypeScript with no `vscode` import, so that both tiers can load it.

export type Category = 'input' | 'api' | 'config' | 'transport' | 'file' | 'secrets';
export type Tier = 'unit' | 'integration';

export interface FailureCase {
  /** Stable id, used in test titles and the README. */
  readonly id: string;
  readonly category: Category;
  /** What goes wrong, in a few words. */
  readonly fault: string;
  /** How the test produces it. */
  readonly how: string;
  /** What the user sees and what is kept: the promise the tests hold the extension to. */
  readonly outcome: string;
  /** The one message the user gets (or, for input, the problem text), matched against its text. */
  readonly message: RegExp;
  readonly tiers: readonly Tier[];
  /** For API-* cases: the Capture error the emulator answers. */
  readonly api?: ApiFault;
  /** For CFG-* cases: the Configuration API's answer (a one-shot fault, or none for a real 404). */
  readonly config?: { readonly status: number; readonly errors: string; readonly fault: boolean };
}

export interface ApiFault {
  readonly code: number;
  readonly error: string;
  readonly argumentName?: string;
  readonly description?: string;
}

const both: readonly Tier[] = ['unit', 'integration'];
const unit: readonly Tier[] = ['unit'];
const integration: readonly Tier[] = ['integration'];

/** Every Capture-answered error ends with the request id support asks for. */
export const REQUEST_ID = /\(request id: [0-9a-f]{16}\)$/;

/** What Create says when the request may have reached Capture: never retried, never duplicated. */
export const MAY_EXIST = /may have been created anyway\. Do not simply try again: check the client list/;

const NOTHING_SENT = 'Nothing is sent to Capture.';
/** The message that says the new credentials reached the clipboard. */
const DELIVERED =
  /^Copied IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET, IDENTITY_CLOUD_CAPTURE_DOMAIN to the clipboard\.$/;
const NOT_LOST =
  'The file is left as it was; the message offers Copy to Clipboard and Choose Another File, and the credentials stay available to Copy Last Created Credentials.';

export const FAILURE_MATRIX: readonly FailureCase[] = [
  // ---------------------------------------------------------------------------------------------
  // Bad input
  {
    id: 'IN-01',
    category: 'input',
    fault: 'Empty description',
    how: 'Create API Client with `description: ""`',
    outcome: `An error asks for a description. ${NOTHING_SENT}`,
    message: /^Enter a description, for example the service that will use this client\.$/,
    tiers: both,
  },
  {
    id: 'IN-02',
    category: 'input',
    fault: 'Description of only whitespace',
    how: 'Create API Client with `description: "  \\t  "`',
    outcome: `An error asks for a description. ${NOTHING_SENT}`,
    message: /^Enter a description/,
    tiers: both,
  },
  {
    id: 'IN-03',
    category: 'input',
    fault: 'Description with a line break',
    how: 'Create API Client with `description: "checkout\\nservice"`',
    outcome: `An error says the description must be a single line. ${NOTHING_SENT}`,
    message: /^The description must be a single line\.$/,
    tiers: both,
  },
  {
    id: 'IN-04',
    category: 'input',
    fault: 'Description of 10,000 characters',
    how: 'Create API Client with a 10,000-character description',
    outcome: `An error gives the length and the limit (1,000). ${NOTHING_SENT}`,
    message: /^The description is 10000 characters long; the limit is 1000\.$/,
    tiers: both,
  },
  {
    id: 'IN-05',
    category: 'input',
    fault: 'Description with a control character',
    how: 'Create API Client with `description: "bell\\u0007here"`',
    outcome: `An error names the control characters. ${NOTHING_SENT}`,
    message: /^The description contains control characters\.$/,
    tiers: both,
  },
  {
    id: 'IN-06',
    category: 'input',
    fault: 'Unknown feature name from an argument',
    how: 'Create API Client with `features: ["superuser_owner"]`',
    outcome: `An error names the unknown feature and lists the valid ones. ${NOTHING_SENT}`,
    message:
      /^Unknown feature "superuser_owner"\. Valid features are: login_client, access_issuer, direct_read_access, direct_access, owner\.$/,
    tiers: both,
  },
  {
    id: 'IN-07',
    category: 'input',
    fault: 'Features argument that is not a list',
    how: 'Create API Client with `features: "owner"`',
    outcome: `An error says features must be a list of names. ${NOTHING_SENT}`,
    message: /^"features" must be a list of feature names/,
    tiers: integration,
  },
  {
    id: 'IN-08',
    category: 'input',
    fault: 'login_client combined with another feature',
    how: 'Create API Client with `features: ["login_client", "direct_read_access"]`',
    outcome: `An error says login_client stands alone. ${NOTHING_SENT}`,
    message: /^login_client cannot be combined with any other feature/,
    tiers: both,
  },
  {
    id: 'IN-09',
    category: 'input',
    fault: 'Feature only Akamai can assign',
    how: 'Create API Client with `features: ["metadata"]`',
    outcome: `An error says only Akamai can assign it. ${NOTHING_SENT}`,
    message: /^Only Akamai can assign the feature "metadata"\.$/,
    tiers: both,
  },
  {
    id: 'IN-10',
    category: 'input',
    fault: 'Capture domain without a scheme',
    how: '`myapp.us-dev.janraincapture.com`',
    outcome: 'Accepted as `https://myapp.us-dev.janraincapture.com`.',
    message: /^https:\/\/myapp\.us-dev\.janraincapture\.com$/,
    tiers: unit,
  },
  {
    id: 'IN-11',
    category: 'input',
    fault: 'Capture domain with a path and a trailing slash',
    how: 'Add Application with `http://127.0.0.1:PORT/clients/list/`',
    outcome: 'The path is dropped; the origin is saved and the credentials are checked against it.',
    message: /^Saved .+\. The owner credentials work\.$/,
    tiers: both,
  },
  {
    id: 'IN-12',
    category: 'input',
    fault: 'http:// to a host that is not this machine',
    how: 'Add Application with `http://capture.example.com`',
    outcome:
      'The domain box says to use https:// (owner credentials are never sent unencrypted). Nothing is saved or sent.',
    message: /^Use https:\/\/ for capture\.example\.com: owner credentials are never sent unencrypted\.$/,
    tiers: both,
  },
  {
    id: 'IN-13',
    category: 'input',
    fault: 'Credentials inside the domain URL',
    how: 'Add Application with `https://owner:pa55word@capture.example.com`',
    outcome: 'The domain box asks to remove them, without repeating them. Nothing is saved or sent.',
    message:
      /^Remove the user name or password from the domain: owner credentials are asked for separately\.$/,
    tiers: both,
  },
  {
    id: 'IN-14',
    category: 'input',
    fault: 'Capture domain with another scheme',
    how: '`ftp://capture.example.com`',
    outcome: 'Rejected: the Capture domain must start with https://.',
    message: /^The Capture domain must start with https:\/\/\.$/,
    tiers: unit,
  },
  {
    id: 'IN-15',
    category: 'input',
    fault: 'Empty Capture domain',
    how: '`""`',
    outcome: 'The box says where to find the domain.',
    message: /^Enter the Capture domain shown in Console → Manage Application\.$/,
    tiers: unit,
  },
  {
    id: 'IN-16',
    category: 'input',
    fault: 'Unknown application name from an argument',
    how: 'Create API Client with `application: "nope"`',
    outcome: `An error names the known applications. ${NOTHING_SENT}`,
    message: /^There is no application named "nope"\. Known applications: /,
    tiers: integration,
  },
  {
    id: 'IN-17',
    category: 'input',
    fault: 'Grace period out of range',
    how: 'Reset Secret with `hoursToLive: 200`',
    outcome: 'An error gives the range 0–168. No secret is reset.',
    message: /^"hoursToLive" must be a whole number of hours from 0 to 168\.$/,
    tiers: integration,
  },

  // ---------------------------------------------------------------------------------------------
  // Capture API errors (HTTP 200 with "stat":"error"), answered to /clients/add
  ...apiCase(
    'API-100',
    'Says which required field was missing.',
    100,
    'missing_argument',
    'A required field was missing',
    /a required field was missing \(description\)/,
    'description',
  ),
  ...apiCase(
    'API-200',
    "Names the rejected argument and gives Capture's reason.",
    200,
    'invalid_argument',
    'An argument was rejected',
    /Capture rejected "features"\. features was not valid for the following reason: superuser_owner is not a valid feature name/,
    'features',
    'features was not valid for the following reason: superuser_owner is not a valid feature name',
  ),
  ...apiCase(
    'API-205',
    'Says the authentication method was not accepted; check the Capture domain.',
    205,
    'invalid_auth_method',
    'Wrong authentication method',
    /did not accept the authentication method\. Check that the Capture domain is right\./,
  ),
  ...apiCase(
    'API-221',
    'Says Capture does not know the application; check the Capture domain.',
    221,
    'unknown_application',
    'Unknown application',
    /does not know this application\. Check the Capture domain/,
  ),
  ...apiCase(
    'API-224',
    'Says Capture does not know the application; check the Capture domain.',
    224,
    'application_not_found',
    'Application not found',
    /does not know this application\. Check the Capture domain/,
  ),
  ...apiCase(
    'API-402',
    'Says the owner client ID or secret is wrong; offers Set Owner Credentials.',
    402,
    'invalid_client_credentials',
    'Wrong owner client id or secret',
    /the owner client ID or secret is wrong\. Set the owner credentials again\./,
  ),
  ...apiCase(
    'API-403',
    'Says the owner client lacks `owner` or this machine is outside its allow list (Capture cannot tell which); offers Set Owner Credentials.',
    403,
    'client_permission_error',
    'Not an owner, or outside the allow list',
    /permission denied\. Either the owner client lacks the 'owner' feature, or this machine's IP address is outside the client's allow list \(Capture cannot tell which\)\./,
  ),
  ...apiCase(
    'API-480',
    'Says the API is temporarily disabled; try again in a few minutes.',
    480,
    'api_feature_disabled',
    'API temporarily disabled',
    /temporarily disabled\. Try again in a few minutes\./,
  ),
  ...apiCase(
    'API-500',
    'Says Capture had a server error; give support the request id.',
    500,
    'unexpected_error',
    'Capture server error',
    /unexpected server error\. If it persists, give Akamai support the request id\./,
  ),
  ...apiCase(
    'API-510',
    'Says there were too many simultaneous calls; wait, then try again.',
    510,
    'api_limit_error',
    'Too many simultaneous calls',
    /too many simultaneous calls to Capture\. Wait a moment, then try again\./,
  ),
  ...apiCase(
    'API-999',
    "Quotes Capture's code, error and description as they came.",
    999,
    'quota_exceeded',
    'An error code the docs do not list',
    /Capture answered 999 "quota_exceeded"\. Daily quota used up\./,
    undefined,
    'Daily quota used up.',
  ),
  {
    id: 'API-TOKEN',
    category: 'api',
    fault: 'Request id sent as `request_token`',
    how: 'The emulator names the id `request_token` (as some docs do) and answers 500',
    outcome: 'The message quotes the request id all the same. No client is created.',
    message: REQUEST_ID,
    tiers: both,
  },
  {
    id: 'API-NOID',
    category: 'api',
    fault: 'Error without any request id',
    how: '`{"stat":"error","code":500,"error":"unexpected_error"}`',
    outcome: 'The message says that no request id was returned.',
    message: /\(no request id was returned\)$/,
    tiers: unit,
  },

  // ---------------------------------------------------------------------------------------------
  // Transport faults during Create API Client
  {
    id: 'NET-DNS',
    category: 'transport',
    fault: 'DNS failure',
    how: 'A Capture domain whose 64-letter name cannot resolve (no DNS query leaves the machine)',
    outcome: 'The domain could not be found; check spelling, VPN and http.proxy. Nothing was sent.',
    message:
      /^Creating the client failed: the Capture domain could not be found\. Check its spelling, your VPN, and the http\.proxy setting\.$/,
    tiers: integration,
  },
  {
    id: 'NET-REFUSED',
    category: 'transport',
    fault: 'Connection refused',
    how: 'Capture domain on a 127.0.0.1 port nobody listens on',
    outcome: 'The connection was refused; check the domain and http.proxy. Nothing was sent.',
    message:
      /^Creating the client failed: the connection was refused\. Check the Capture domain and the http\.proxy setting\.$/,
    tiers: integration,
  },
  {
    id: 'NET-RESET-BEFORE',
    category: 'transport',
    fault: 'Connection reset before Capture processed /clients/add',
    how: 'Emulator fault `resetBeforeProcessing`',
    outcome:
      'The connection dropped; the client may exist, so the extension does not retry and offers Show Clients. No client is created.',
    message:
      /^Creating the client failed: the connection dropped before Capture answered completely\. The client ".+" may have been created anyway/,
    tiers: integration,
  },
  {
    id: 'NET-RESET-AFTER',
    category: 'transport',
    fault: 'Connection reset after Capture created the client',
    how: 'Emulator fault `resetAfterProcessing`',
    outcome:
      'Same message with Show Clients; the one /clients/add is never repeated, so the client exists exactly once.',
    message:
      /^Creating the client failed: the connection dropped before Capture answered completely\. The client ".+" may have been created anyway/,
    tiers: integration,
  },
  {
    id: 'NET-STALL',
    category: 'transport',
    fault: 'Capture never answers',
    how: 'Emulator fault `stall`, identityCloud.requestTimeoutSeconds = 1',
    outcome: 'Gives up after the timeout, names the setting, and says the client may exist (no retry).',
    message:
      /^Creating the client failed: Capture did not answer in time\. Check your connection, or raise identityCloud\.requestTimeoutSeconds\. The client ".+" may have been created anyway/,
    tiers: integration,
  },
  {
    id: 'NET-502',
    category: 'transport',
    fault: 'A 502 HTML page from a proxy or load balancer',
    how: 'Emulator fault `html` (HTTP 502)',
    outcome:
      'Says the answer was not from Capture (HTTP 502) and to check http.proxy; the client may exist (no retry).',
    message:
      /^Creating the client failed: the answer was not from Capture \(HTTP 502\)\. A proxy or load balancer may be in the way; check http\.proxy\. The client ".+" may have been created anyway/,
    tiers: both,
  },
  {
    id: 'NET-TRUNCATED',
    category: 'transport',
    fault: 'Truncated JSON after Capture created the client',
    how: 'Emulator fault `truncate`',
    outcome: "Says Capture's answer was cut off and the client may exist; no retry, so exactly one client.",
    message:
      /^Creating the client failed: Capture's answer was cut off before its end\..* The client ".+" may have been created anyway/,
    tiers: both,
  },
  {
    id: 'NET-NO-SECRET',
    category: 'transport',
    fault: '`"stat":"ok"` without `client_secret`',
    how: 'Emulator fault `okWithoutSecret` on /clients/add',
    outcome:
      "The secret is read back with one /clients/list for the client id the answer named and delivered; the client exists once; the log names the answer's fields, never their values.",
    message: DELIVERED,
    tiers: integration,
  },
  {
    id: 'NET-NO-SECRET-LOST',
    category: 'transport',
    fault: '`"stat":"ok"` without `client_secret`, and the client list without secrets too',
    how: 'Emulator fault `okWithoutSecret` on /clients/add and on the /clients/list after it',
    outcome:
      'Says the client WAS created (with its id), that neither answer gave its secret, and where to get it (Console, or Reset Secret); no retry, so exactly one client.',
    message:
      /^Capture created the client ".+" \(\w+\) in .+, but neither its answer nor the client list gave its secret\. Do not create it again: get the secret from the Identity Cloud Console \(Manage Application → API clients\), or reset its secret here\.$/,
    tiers: integration,
  },
  {
    id: 'NET-SECRET-OBJECT',
    category: 'transport',
    fault: '`reset_secret` answering `new_secret` as a dictionary',
    how: 'Emulator fault `secretAsObject` (`"new_secret":{"secret":"…"}`)',
    outcome:
      'Not a failure: the new secret is taken from the dictionary and delivered, without another request.',
    message: DELIVERED,
    tiers: integration,
  },
  {
    id: 'NET-RESET-NO-SECRET',
    category: 'transport',
    fault: '`reset_secret` answering `"stat":"ok"` without `new_secret`',
    how: 'Emulator fault `okWithoutSecret` on /clients/reset_secret',
    outcome: 'The new secret is read back with one /clients/list and delivered; the secret is reset once.',
    message: DELIVERED,
    tiers: integration,
  },
  {
    id: 'NET-RESET-LOST',
    category: 'transport',
    fault: '`reset_secret` without `new_secret`, and the client list failing',
    how: 'Emulator faults `okWithoutSecret` on /clients/reset_secret, `html` on the /clients/list after it',
    outcome:
      'Says the secret WAS reset, how long the old one keeps working, and where to get the new one (Console, or Reset Secret again); never reset twice.',
    message:
      /^Capture reset the secret of \w+, but neither its answer nor the client list gave the new one\. The old secret keeps working for 24 hours\. Get the new secret from the Identity Cloud Console/,
    tiers: integration,
  },
  {
    id: 'NET-STAT',
    category: 'transport',
    fault: 'A `stat` other than ok or error',
    how: 'Emulator fault `nonOk` (`"stat":"weird"`)',
    outcome: 'Says Capture answered in an unexpected form and the client may exist (no retry).',
    message:
      /^Creating the client failed: Capture answered in an unexpected form\. The client ".+" may have been created anyway/,
    tiers: both,
  },
  {
    id: 'NET-EXTRA',
    category: 'transport',
    fault: 'Undocumented extra fields in the answer',
    how: 'Emulator fault `extraFields`',
    outcome: 'Not a failure: the client is created and its credentials delivered.',
    message:
      /^Copied IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET, IDENTITY_CLOUD_CAPTURE_DOMAIN to the clipboard\.$/,
    tiers: integration,
  },
  {
    id: 'NET-TLS',
    category: 'transport',
    fault: 'A server certificate nobody trusts',
    how: 'An HTTPS front with a fresh self-signed certificate before the emulator',
    outcome:
      'Names the certificate problem and the settings to check; says certificate checks are never turned off. Nothing was sent.',
    message:
      /^Creating the client failed: the server certificate is not trusted\..*http\.systemCertificates.*The extension never turns certificate checks off\.$/,
    tiers: integration,
  },
  {
    id: 'NET-CA-UNTRUSTED',
    category: 'transport',
    fault: "A private CA's certificate where VS Code does not trust that CA",
    how: 'An HTTPS front signed by a CA made for the run; the CA is in the OS store but http.systemCertificates is off (or only in NODE_EXTRA_CA_CERTS while it is on)',
    outcome: 'The certificate message, as for a self-signed one. Nothing reached Capture.',
    message:
      /^Creating the client failed: the server certificate is not trusted\..*http\.systemCertificates.*The extension never turns certificate checks off\.$/,
    tiers: integration,
  },
  {
    id: 'NET-PROXY-DOWN',
    category: 'transport',
    fault: 'http.proxy points at nothing',
    how: 'http.proxy = a 127.0.0.1 port nobody listens on',
    outcome: 'The connection was refused; check the domain and http.proxy. Nothing was sent.',
    message:
      /^Creating the client failed: the connection was refused\. Check the Capture domain and the http\.proxy setting\.$/,
    tiers: integration,
  },
  {
    id: 'NET-PROXY-DENIED',
    category: 'transport',
    fault: 'The proxy refuses the tunnel',
    how: 'A proxy that answers CONNECT with 403',
    outcome:
      'Says it failed at the proxy and names http.proxy, http.proxySupport and http.noProxy. Nothing reached Capture.',
    message:
      /^Creating the client failed at the proxy\. Check http\.proxy, http\.proxySupport and http\.noProxy\./,
    tiers: integration,
  },

  {
    id: 'NET-PROXY-407',
    category: 'transport',
    fault: 'The proxy asks for credentials (407) and has none',
    how: 'A proxy that answers CONNECT with 407 unless `Proxy-Authorization` holds its Basic credentials; http.proxy without them',
    outcome:
      'Names the proxy (never its password) and the setting to use: http.proxy with a user name and password (http.proxyAuthorization does not reach extensions). Nothing reached Capture.',
    message:
      /^Creating the client failed: the proxy \S+ asks for credentials \(HTTP 407\)\. Put a user name and password in http\.proxy \(http:\/\/user:password@host:port\); VS Code does not apply http\.proxyAuthorization to extensions' requests\.$/,
    tiers: integration,
  },
  // ---------------------------------------------------------------------------------------------
  // Files: where the new credentials go
  {
    id: 'FILE-READONLY',
    category: 'file',
    fault: 'Read-only .env',
    how: '.env with mode 0444 (also when VS Code runs as root)',
    outcome: NOT_LOST,
    message:
      /^\.env is read-only or you lack permission to write it\. The credentials are not lost: copy them or choose another file\.$/,
    tiers: integration,
  },
  {
    id: 'FILE-DIRECTORY',
    category: 'file',
    fault: 'A folder named .env',
    how: 'mkdir .env',
    outcome: NOT_LOST,
    message: /^\.env is a folder, not a file\. The credentials are not lost/,
    tiers: integration,
  },
  {
    id: 'FILE-NO-FOLDER',
    category: 'file',
    fault: 'Destination in a folder that does not exist',
    how: 'Create API Client with `destination: "missing/folder/.env"`',
    outcome: NOT_LOST,
    message: /^The folder of missing\/folder\/\.env does not exist\. The credentials are not lost/,
    tiers: integration,
  },
  {
    id: 'FILE-RACE',
    category: 'file',
    fault: '.env edited on disk while the Replace question is open',
    how: 'A line is appended to .env when the question shows',
    outcome: 'The edit and the new values both end up in the file; the question is asked once.',
    message: /^Wrote IDENTITY_CLOUD_CLIENT_ID, IDENTITY_CLOUD_CLIENT_SECRET.* to \.env\.$/,
    tiers: integration,
  },
  {
    id: 'FILE-DIRTY',
    category: 'file',
    fault: '.env open in an editor with unsaved edits',
    how: 'An unsaved line typed into the open .env',
    outcome:
      'Written into the editor, only the values: the unsaved edits, cursor and undo stay, and nothing is saved (saving would save the unfinished edits too). The warning says so; Copy Last Created Credentials keeps the credentials.',
    message: /^Wrote .* into (\S+\/)?\.env, which is open with unsaved changes: it was not saved\./,
    tiers: integration,
  },
  {
    id: 'FILE-CRLF',
    category: 'file',
    fault: '.env with Windows (CRLF) line ends',
    how: 'A .env of CRLF lines',
    outcome: 'Every other byte stays as it was; the new lines end in CRLF too.',
    message: /^Wrote .* to \.env\.$/,
    tiers: integration,
  },
  {
    id: 'FILE-5MB',
    category: 'file',
    fault: 'A 5 MB .env',
    how: '.env of 5 MB of other variables',
    outcome: 'Written; every other byte stays as it was.',
    message: /^Wrote .* to \.env\.$/,
    tiers: integration,
  },
  {
    id: 'FILE-UNSAFE',
    category: 'file',
    fault: '.env that dotenv would read differently after an edit',
    how: '.env whose last line is `KEY:`',
    outcome: NOT_LOST,
    message: /^\.env cannot be updated safely: .*The credentials are not lost/,
    tiers: both,
  },
  {
    id: 'FILE-DECLINED',
    category: 'file',
    fault: 'Replacing existing values declined',
    how: '.env already sets the keys; Replace is not chosen',
    outcome:
      '.env is left as it was; a reminder says Copy Last Created Credentials still copies the new ones.',
    message: /^\.env was left as it was\. The credentials are not lost/,
    tiers: integration,
  },
  {
    id: 'FILE-NO-DESTINATION',
    category: 'file',
    fault: 'Destination picker dismissed',
    how: 'Escape in "… Where should its credentials go?"',
    outcome: 'A reminder says the credentials were not saved and Copy Last Created Credentials copies them.',
    message:
      /^The credentials of .+ were not saved\. Until this window closes, "Identity Cloud: Copy Last Created Credentials" copies them\.$/,
    tiers: integration,
  },

  // ---------------------------------------------------------------------------------------------
  // Client settings and login clients (issue 10)
  {
    id: 'SET-ARG',
    category: 'input',
    fault: 'Settings argument with a value that is not text',
    how: 'Create API Client with `settings: {"default_flow_name": 1}`',
    outcome: `An error names the setting and says its value must be text. ${NOTHING_SENT}`,
    message: /^The value of setting "default_flow_name" must be text \(a string\)\.$/,
    tiers: both,
  },
  {
    id: 'SET-AFTER-ADD',
    category: 'api',
    fault: 'settings/set_multi fails after /clients/add (510 api_limit_error)',
    how: 'Create a login client with a flow; the emulator answers 510 to settings/set_multi once',
    outcome:
      'The credentials are delivered as usual. A warning names the settings that were not set and why, with the request id, and offers Try Again, which sends only settings/set_multi again: /clients/add is never repeated.',
    message:
      /^Client \w+ was created and its credentials delivered, but these settings were not set: default_flow_name, default_flow_version\. Writing the settings failed: too many simultaneous calls.* \(request id: [0-9a-f]{16}\)/,
    tiers: integration,
    api: { code: 510, error: 'api_limit_error' },
  },
  {
    id: 'CHECK-402',
    category: 'api',
    fault: 'Check Credentials: the client secret is wrong (402)',
    how: 'Check Credentials; the emulator answers 402 to settings/items sent as the client',
    outcome:
      'A warning says the secret is wrong, in plain words; no setting the probe read is shown or logged.',
    message: /^The secret of .+ is wrong: Capture does not accept these credentials \(402\)\./,
    tiers: both,
    api: { code: 402, error: 'invalid_client_credentials' },
  },
  {
    id: 'CHECK-403',
    category: 'api',
    fault: 'Check Credentials: refused (403) for a client with features',
    how: 'Check Credentials of a client whose allow list (203.0.113.0/24) leaves this machine out',
    outcome:
      'A warning gives both causes Capture cannot tell apart (this machine outside the allow list, which it shows, or a missing feature) and offers Edit Allow List…',
    message:
      /^Capture refused .+ \(403\): either this machine's IP address is outside the client's allow list \(203\.0\.113\.0\/24\), or the client lacks a feature/,
    tiers: both,
    api: { code: 403, error: 'client_permission_error' },
  },
  {
    id: 'CHECK-NO-FEATURES',
    category: 'api',
    fault: 'Check Credentials of a client with no features',
    how: 'Check Credentials of a client with no features (Capture answers 403)',
    outcome: 'A warning says the refusal is by design for a client without features, not a fault.',
    message: /has no features, so Capture refuses the call that proves its credentials, by design\./,
    tiers: both,
    api: { code: 403, error: 'client_permission_error' },
  },
  // ---------------------------------------------------------------------------------------------
  // The Configuration API (issue 17): its errors are `{"errors": "…"}` with an HTTP status
  ...configCase(
    'CFG-401',
    401,
    'Authentication required.',
    true,
    'the owner credentials are not accepted',
    'One error names HTTP 401 and the owner credentials, and offers only Edit Application ID and Region; nothing is saved.',
    /^Checking the Configuration API failed: the Configuration API did not accept the owner client ID or secret \(HTTP 401\)\. It said: "Authentication required\." Set the owner credentials again\.$/,
  ),
  ...configCase(
    'CFG-403',
    403,
    'Authentication required.',
    true,
    'the owner client lacks the feature',
    'One error names HTTP 403, the owner or direct_access feature and the allow list (the docs do not say whether the flow list respects it); nothing is saved.',
    /^Checking the Configuration API failed: the Configuration API refused the owner client \(HTTP 403\)\. It said: "Authentication required\." It needs the owner or direct_access feature; this machine's IP address may also be outside the client's allow list\.$/,
  ),
  ...configCase(
    'CFG-404',
    404,
    'Flow not found.',
    false,
    'the application ID is wrong',
    'One error names HTTP 404 and says to check the application ID and the region; nothing is saved.',
    /^Checking the Configuration API failed: the Configuration API does not know this application or flow \(HTTP 404\)\. It said: "Flow not found\." Check the application ID \(Console → Manage Application\) and the region\.$/,
  ),
  ...configCase(
    'CFG-500',
    500,
    'Internal Server Error.',
    true,
    'a server error',
    'One error names HTTP 500 and says to try again later, offering Save Anyway besides Edit; dismissed, nothing is saved.',
    /^Checking the Configuration API failed: the Configuration API had a server error \(HTTP 500\)\. It said: "Internal Server Error\." Try again in a few minutes\.$/,
  ),

  // ---------------------------------------------------------------------------------------------
  // Secret storage
  {
    id: 'SEC-MISSING',
    category: 'secrets',
    fault: 'Owner secret not stored on this machine',
    how: 'An application in settings whose secret is not in secret storage',
    outcome: 'A password box asks for it once; it is stored and the action goes on.',
    message: /^Copied IDENTITY_CLOUD_CLIENT_ID/,
    tiers: integration,
  },
  {
    id: 'SEC-CANCEL',
    category: 'secrets',
    fault: 'Owner secret prompt cancelled',
    how: 'Escape in the password box',
    outcome: 'Nothing happens and nothing is shown: cancelling is not an error.',
    message: /^$/,
    tiers: integration,
  },
  {
    id: 'SEC-READ',
    category: 'secrets',
    fault: 'Secret storage fails to read',
    how: 'A SecretStorage whose get() rejects',
    outcome: `One error names VS Code's secret storage and the keyring. ${NOTHING_SENT}`,
    message:
      /^VS Code's secret storage could not be read \(.+\)\. Check that your system keyring is available and unlocked, then try again\.$/,
    tiers: integration,
  },
  {
    id: 'SEC-WRITE',
    category: 'secrets',
    fault: 'Secret storage fails to store a typed owner secret',
    how: 'A SecretStorage whose store() rejects',
    outcome: 'A warning says it will be asked for again; the action goes on with the typed secret.',
    message:
      /^The owner client secret for .+ could not be saved in VS Code's secret storage \(.+\); you will be asked for it again\.$/,
    tiers: integration,
  },
  {
    id: 'SEC-SAVE',
    category: 'secrets',
    fault: 'Secret storage fails when an application is added',
    how: 'Add Application with a SecretStorage whose store() rejects',
    outcome:
      "One error names VS Code's secret storage and the keyring; the application is not saved without its secret.",
    message:
      /^VS Code's secret storage could not save the owner client secret \(.+\)\. Check that your system keyring is available and unlocked, then try again\.$/,
    tiers: integration,
  },
  {
    id: 'SEC-DELETE',
    category: 'secrets',
    fault: 'Secret storage fails when an application is removed',
    how: 'Remove Application with a SecretStorage whose delete() rejects',
    outcome:
      "The application is removed from settings; one error names VS Code's secret storage and the keyring.",
    message:
      /^VS Code's secret storage could not delete the owner client secret \(.+\)\. Check that your system keyring is available and unlocked, then try again\.$/,
    tiers: integration,
  },
  {
    id: 'SEC-RESET-OWN',
    category: 'secrets',
    fault: "Secret storage fails after resetting the extension's own owner secret",
    how: 'Reset Secret of the owner client with a SecretStorage whose store() rejects',
    outcome:
      'The new secret is still delivered; an error says it was not stored and offers Set Owner Credentials.',
    message:
      /^The new secret of .+ was delivered but could not be saved in VS Code's secret storage \(.+\)\. Use Set Owner Credentials with it before the old secret stops working\.$/,
    tiers: integration,
  },
  // ---------------------------------------------------------------------------------------------
  // Hosted Login (OIDC) login clients (issue 18)
  {
    id: 'HL-REDIRECT-HTTP',
    category: 'input',
    fault: 'A plain-http redirect URI to a host that is not this machine',
    how: 'Create Login Client or Edit Redirect URIs with `http://app.example.com/callback`',
    outcome: 'The prompt says only localhost may use http and stays open. Nothing is sent to Hosted Login.',
    message:
      /^http:\/\/app\.example\.com\/callback uses http: only http:\/\/localhost \(or 127\.0\.0\.1\) may; use https:\/\/ for other hosts\.$/,
    tiers: unit,
  },
  {
    id: 'HL-NO-SCOPE',
    category: 'api',
    fault: 'The configuration token comes back without a scope (a scope its policy lacks)',
    how: 'identityCloud.hostedLoginScope set to a scope the emulated token policy does not hold',
    outcome:
      'One error names the scope and the token policy as the cause before any configuration call is made; no loop of token requests.',
    message:
      /^Hosted Login gave a configuration token without a scope: .* does not allow the scope GET:nothing\/\*\*/,
    tiers: unit,
  },
  {
    id: 'SIGNIN-NO-FLOW',
    category: 'api',
    fault: 'Try Sign-In with a login client whose application client has no flow',
    how: 'The emulated authorize page answers "No flow available" to the prompt=none check',
    outcome:
      'One error names default_flow_name / default_flow_version and where to set them; the browser is not opened.',
    message:
      /^Hosted Login answered "No flow available": the application client of .+ has no default_flow_name/,
    tiers: unit,
  },
  {
    id: 'SIGNIN-DENIED',
    category: 'api',
    fault: 'The user cancels the sign-in or denies consent',
    how: 'The redirect carries error=access_denied',
    outcome: 'One error says the sign-in was cancelled or consent denied, and to try again and accept.',
    message: /^The sign-in was cancelled or consent was denied \(.+\)\. Try Sign-In again and accept\.$/,
    tiers: unit,
  },
  {
    id: 'SIGNIN-STATE',
    category: 'api',
    fault: 'A redirect from another sign-in reaches the loopback server',
    how: 'The redirect carries another state',
    outcome: 'One error says the redirect belongs to another sign-in; no code is exchanged.',
    message: /^The redirect did not carry this sign-in's state/,
    tiers: unit,
  },
];

function apiCase(
  id: string,
  told: string,
  code: number,
  error: string,
  fault: string,
  words: RegExp,
  argumentName?: string,
  description?: string,
): FailureCase[] {
  return [
    {
      id,
      category: 'api',
      fault: `${code} ${error}: ${fault}`,
      how: `The emulator answers \`{"stat":"error","code":${code},"error":"${error}",…}\` to /clients/add`,
      outcome: `${told} The message ends with the request id; no client is created.`,
      message: new RegExp(`^Creating the client failed: .*${words.source}.* ${REQUEST_ID.source}`),
      tiers: both,
      api: { code, error, argumentName, description },
    },
  ];
}

function configCase(
  id: string,
  status: number,
  errors: string,
  fault: boolean,
  what: string,
  outcome: string,
  message: RegExp,
): FailureCase[] {
  return [
    {
      id,
      category: 'config',
      fault: `${status} from the Configuration API: ${what}`,
      how: fault
        ? `Connect Configuration API…; the emulator answers HTTP ${status} \`{"errors":"${errors}"}\` to GET /config/{app_id}/flows`
        : `Connect Configuration API… with an application ID the emulator does not know (HTTP ${status} \`{"errors":"${errors}"}\`)`,
      outcome,
      message,
      tiers: both,
      config: { status, errors, fault },
    },
  ];
}

export function casesFor(tier: Tier): FailureCase[] {
  return FAILURE_MATRIX.filter((c) => c.tiers.includes(tier));
}

export function byId(id: string): FailureCase {
  const found = FAILURE_MATRIX.find((c) => c.id === id);
  if (!found) throw new Error(`no failure case ${id}`);
  return found;
}

const CATEGORY_TITLES: Record<Category, string> = {
  input: 'Bad input',
  api: 'Capture API errors',
  config: 'Configuration API errors',
  transport: 'Network and transport',
  file: 'Files',
  secrets: 'Secret storage',
};

/** The matrix as Markdown tables, one per category, for the README's troubleshooting section. */
export function renderMarkdown(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const parts: string[] = [
    `${FAILURE_MATRIX.length} failure cases, each tested for one clear message that holds no secret, and for nothing lost (no partial file, no unreachable secret, no duplicate client): the unit tier checks the wording of those that need no VS Code, the integration tier runs them through the real commands in VS Code's extension host against the local emulator.`,
    '',
  ];
  for (const category of Object.keys(CATEGORY_TITLES) as Category[]) {
    parts.push(
      `#### ${CATEGORY_TITLES[category]}`,
      '',
      '| Case | What goes wrong | What you see, what is kept | Tested in |',
      '|---|---|---|---|',
    );
    for (const c of FAILURE_MATRIX.filter((x) => x.category === category)) {
      parts.push(`| ${c.id} | ${cell(c.fault)} | ${cell(c.outcome)} | ${c.tiers.join(', ')} |`);
    }
    parts.push('');
  }
  return parts.join('\n');
}
