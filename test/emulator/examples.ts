// The clients a fresh emulator gets for `npm run emulator` and `npm start`, so a list looks like a
// real application's: one of each kind of client, including one only Akamai could have set up.
// A few carry settings (/settings/*), one of them a login client with its flow set.
export const EXAMPLE_CLIENTS: ReadonlyArray<{
  description: string;
  features: string[];
  whitelist?: string[];
  settings?: Record<string, string>;
}> = [
  {
    description: 'Website login and registration (example)',
    features: ['login_client'],
    // A login client needs a flow, or every login and registration call fails with "No flow available".
    settings: {
      default_flow_name: 'standard',
      default_flow_version: 'HEAD',
      site_name: 'Example Store',
      password_recover_url: 'https://www.example.com/reset-password',
      verify_email_url: 'https://www.example.com/verify-email',
    },
  },
  {
    description: 'Nightly analytics export (example)',
    features: ['direct_read_access'],
    whitelist: ['203.0.113.0/24'],
    settings: { export_schedule: '0 2 * * *', user_entity_type: 'user' },
  },
  { description: 'Customer support console (example)', features: ['direct_access', 'access_issuer'] },
  { description: 'Mobile token service (example)', features: ['access_issuer'] },
  {
    description: 'Legacy CRM sync, set up by Akamai (example)',
    features: ['metadata', 'direct_read_access'],
  },
  { description: 'Retired integration, no permissions (example)', features: [] },
];
