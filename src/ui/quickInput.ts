import vscode = require('vscode');

/** Returned when the user pressed the Back button of a multi-step flow. */
export const BACK = Symbol('back');
export type Back = typeof BACK;

interface StepOptions {
  readonly title: string;
  readonly step?: number | undefined;
  readonly totalSteps?: number | undefined;
  /** False for a step that cannot be taken back (its flow already created something). */
  readonly back?: boolean;
}

export interface TextOptions extends StepOptions {
  readonly prompt: string;
  readonly placeholder?: string;
  readonly value?: string;
  readonly password?: boolean;
  /** Returns a problem to show under the box, or undefined when the value is fine. */
  readonly validate?: (value: string) => string | undefined;
  /** A hint shown under the box for a value that is accepted but looks wrong. */
  readonly hint?: (value: string) => string | undefined;
}

function backButtons(options: StepOptions): vscode.QuickInputButton[] {
  return options.back !== false && options.step !== undefined && options.step > 1
    ? [vscode.QuickInputButtons.Back]
    : [];
}

/**
 * Asks for one line of text. Resolves to the text, {@link BACK}, or undefined when cancelled.
 * `ignoreFocusOut` keeps the box open while the user looks up a value elsewhere.
 */
export function askText(options: TextOptions): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.totalSteps;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.ignoreFocusOut = true;
  box.buttons = backButtons(options);
  const check = (value: string) => {
    const problem = value.length === 0 ? undefined : options.validate?.(value);
    const hint = value.length === 0 || problem !== undefined ? undefined : options.hint?.(value);
    box.validationMessage =
      hint === undefined ? problem : { message: hint, severity: vscode.InputBoxValidationSeverity.Warning };
  };
  check(box.value);
  box.onDidChangeValue(check);
  return settle<string>(box, (finish) => {
    const problem = options.validate?.(box.value);
    if (problem) box.validationMessage = problem;
    else finish(box.value);
  });
}

export interface PickOptions extends StepOptions {
  readonly placeholder: string;
  /** Shown as the active (first) item. */
  readonly activeIndex?: number;
  readonly matchOnDescription?: boolean;
  readonly matchOnDetail?: boolean;
}

/** Picks one item. Resolves to the item, {@link BACK}, or undefined when cancelled. */
export function pickOne<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: PickOptions,
): Promise<T | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  applyPickOptions(pick, items, options);
  if (options.activeIndex !== undefined && items[options.activeIndex])
    pick.activeItems = [items[options.activeIndex]!];
  return settle<T>(pick, (finish) => {
    const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
    if (chosen) finish(chosen);
  });
}

/** Picks any number of items (none is allowed). Items with `picked: true` start ticked. */
export function pickMany<T extends vscode.QuickPickItem>(
  items: readonly T[],
  options: PickOptions,
): Promise<readonly T[] | Back | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.canSelectMany = true;
  applyPickOptions(pick, items, options);
  pick.selectedItems = items.filter((i) => i.picked);
  return settle<readonly T[]>(pick, (finish) => finish(pick.selectedItems));
}

/**
 * Shows a quick input and settles once: with what `onAccept` finishes with, {@link BACK} on the Back
 * button, or undefined when it is hidden (Escape, focus elsewhere). Disposes of it either way.
 */
function settle<R>(
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
  onAccept: (finish: (result: R) => void) => void,
): Promise<R | Back | undefined> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: R | Back | undefined) => {
      if (settled) return;
      settled = true;
      resolve(result);
      input.dispose();
    };
    input.onDidTriggerButton((b) => {
      if (b === vscode.QuickInputButtons.Back) finish(BACK);
    });
    input.onDidAccept(() => onAccept(finish));
    input.onDidHide(() => finish(undefined));
    input.show();
  });
}

function applyPickOptions<T extends vscode.QuickPickItem>(
  pick: vscode.QuickPick<T>,
  items: readonly T[],
  options: PickOptions,
): void {
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.totalSteps;
  pick.placeholder = options.placeholder;
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = options.matchOnDescription ?? true;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.buttons = backButtons(options);
  pick.items = items;
}
