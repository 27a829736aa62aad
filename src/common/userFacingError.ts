/** What the user can do next about a failure; the UI turns each into a button. */
export type FailureAction =
  | 'setOwnerCredentials'
  | 'openNetworkSettings'
  | 'showLog'
  | 'findCreatedClient'
  | 'checkConnection'
  | 'connectConfigApi'
  | 'connectHostedLogin';

/** A problem already phrased for the user (no stack, no secret); shown as it is, with its actions as buttons. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  constructor(
    message: string,
    readonly actions: readonly FailureAction[] = [],
  ) {
    super(message);
  }
}
