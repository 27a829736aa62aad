import type { CallOptions, CaptureClient } from './captureClient';
import {
  settingFlagResponseSchema,
  settingFlagsResponseSchema,
  settingValueResponseSchema,
  settingsItemsResponseSchema,
  settingsKeysResponseSchema,
} from './schemas';

/** A client's settings as `key → value`, values as text. */
export type SettingItems = Readonly<Record<string, string>>;

/**
 * Talks to `{domain}/settings/*` through a {@link CaptureClient} (same transport, auth and error
 * format). Calls about another client always send `for_client_id`; only {@link ownItems} leaves it
 * out, to act as the calling client itself (the probe behind Check Credentials). `items` and
 * `set_multi` carry JSON inside a form field.
 */
export class SettingsClient {
  constructor(private readonly capture: CaptureClient) {}

  /** Every setting of a client, its own values overriding the application defaults. */
  async items(forClientId: string, call: CallOptions = {}): Promise<SettingItems> {
    const body = await this.capture.post(
      'settings/items',
      { for_client_id: forClientId },
      settingsItemsResponseSchema,
      call,
    );
    return asText(body.result);
  }

  /** The calling client's own settings: no `for_client_id`, so any client may ask. */
  async ownItems(call: CallOptions = {}): Promise<SettingItems> {
    const body = await this.capture.post('settings/items', {}, settingsItemsResponseSchema, call);
    return asText(body.result);
  }

  async keys(forClientId: string, call: CallOptions = {}): Promise<string[]> {
    const body = await this.capture.post(
      'settings/keys',
      { for_client_id: forClientId },
      settingsKeysResponseSchema,
      call,
    );
    return body.result;
  }

  /** The value, or undefined when the client has none (and there is no default). */
  async get(forClientId: string, key: string, call: CallOptions = {}): Promise<string | undefined> {
    const body = await this.capture.post(
      'settings/get',
      { for_client_id: forClientId, key },
      settingValueResponseSchema,
      call,
    );
    return body.result == null ? undefined : String(body.result);
  }

  async getMulti(
    forClientId: string,
    keys: readonly string[],
    call: CallOptions = {},
  ): Promise<SettingItems> {
    const body = await this.capture.post(
      'settings/get_multi',
      { for_client_id: forClientId, keys: JSON.stringify(keys) },
      settingsItemsResponseSchema,
      call,
    );
    return asText(body.result);
  }

  /** True when an existing value was overwritten, false when the key was created. */
  async set(forClientId: string, key: string, value: string, call: CallOptions = {}): Promise<boolean> {
    const body = await this.capture.post(
      'settings/set',
      { for_client_id: forClientId, key, value },
      settingFlagResponseSchema,
      call,
    );
    return body.result;
  }

  /** Sets several keys in one call; per key, whether an existing value was overwritten. */
  async setMulti(
    forClientId: string,
    items: SettingItems,
    call: CallOptions = {},
  ): Promise<Record<string, boolean>> {
    const body = await this.capture.post(
      'settings/set_multi',
      { for_client_id: forClientId, items: JSON.stringify(items) },
      settingFlagsResponseSchema,
      call,
    );
    return body.result;
  }

  /** Whether the key existed. */
  async delete(forClientId: string, key: string, call: CallOptions = {}): Promise<boolean> {
    const body = await this.capture.post(
      'settings/delete',
      { for_client_id: forClientId, key },
      settingFlagResponseSchema,
      call,
    );
    return body.result;
  }

  /** The application-wide default, or undefined when there is none. */
  async getDefault(key: string, call: CallOptions = {}): Promise<string | undefined> {
    const body = await this.capture.post('settings/get_default', { key }, settingValueResponseSchema, call);
    return body.result == null ? undefined : String(body.result);
  }

  /** Sets the default every client without its own value gets. */
  async setDefault(key: string, value: string, call: CallOptions = {}): Promise<boolean> {
    const body = await this.capture.post(
      'settings/set_default',
      { key, value },
      settingFlagResponseSchema,
      call,
    );
    return body.result;
  }

  /** Whether there was a default to delete. */
  async deleteDefault(key: string, call: CallOptions = {}): Promise<boolean> {
    const body = await this.capture.post('settings/delete_default', { key }, settingFlagResponseSchema, call);
    return body.result;
  }
}

function asText(raw: Readonly<Record<string, string | number | boolean | null>>): SettingItems {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) if (value !== null) out[key] = String(value);
  return out;
}
