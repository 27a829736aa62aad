/**
 * How messages and titles name an API client: by its description, which says what it is for, or
 * by its ID when it has none. Places where two clients could share a description add the ID.
 */
export function clientName(client: { readonly description?: string; readonly clientId: string }): string {
  return client.description?.trim() || client.clientId;
}
