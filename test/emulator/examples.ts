// The clients a fresh emulator gets for `npm run emulator` and `npm start`, so a list looks like a
// real application's: one of each kind of client, including one only Akamai could have set up.
export const EXAMPLE_CLIENTS: ReadonlyArray<{
  description: string;
  features: string[];
  whitelist?: string[];
}> = [
  { description: 'Website login and registration (example)', features: ['login_client'] },
  {
    description: 'Nightly analytics export (example)',
    features: ['direct_read_access'],
    whitelist: ['203.0.113.0/24'],
  },
  { description: 'Customer support console (example)', features: ['direct_access', 'access_issuer'] },
  { description: 'Mobile token service (example)', features: ['access_issuer'] },
  {
    description: 'Legacy CRM sync, set up by Akamai (example)',
    features: ['metadata', 'direct_read_access'],
  },
  { description: 'Retired integration, no permissions (example)', features: [] },
];
