/**
 * A message formatter with the shape of `vscode.l10n.t`. Plain modules take one as a parameter so
 * their user-facing words are localised by the caller (which passes `vscode.l10n.t`) while unit
 * tests in plain Node pass {@link formatMessage}.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Replaces `{0}`, `{1}`… the way `vscode.l10n.t` does when no translation bundle is loaded. */
export const formatMessage: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });

/** "1 hour", "24 hours": a count of hours in words, singular or plural. */
export function hoursText(hours: number, t: Translate): string {
  return hours === 1 ? t('1 hour') : t('{0} hours', hours);
}
