// Answers the extension's prompts inside the real extension host. The extension asks through
// vscode.window.createInputBox / createQuickPick / show*Message; test files get the same `vscode`
// object as the extension (both live under the extension's folder), so replacing those functions
// here reaches the extension's code. Every prompt and message is recorded so tests can assert on
// what a user would have seen.
import * as vscode from 'vscode';

/** How to answer one input box: a value, Back, or cancel (Escape). */
export type InputAnswer = string | { back: true } | { cancel: true };
/**
 * How to answer one quick pick: the labels to tick (several for a multi-select; a label matches
 * when it contains the text, so codicons like `$(file)` need not be spelled), Back, or cancel.
 */
export type PickAnswer = string | string[] | { back: true } | { cancel: true };

export interface Shown {
  readonly kind: 'input' | 'pick';
  readonly title: string | undefined;
  readonly prompt: string | undefined;
  readonly password: boolean;
  readonly value: string | undefined;
  readonly items: readonly string[];
  /** Each item's description, in the order of `items` ('' for none). */
  readonly descriptions: readonly string[];
  /** Items that started ticked (multi-select). */
  readonly picked: readonly string[];
  /** The labels of a quick pick's separators (headings that cannot be picked). */
  readonly separators: readonly string[];
  /** The problem (or, for an accepted value that looks wrong, the hint) under an input box. */
  readonly validationMessage: string | undefined;
  readonly placeholder: string | undefined;
  /** "(step/totalSteps)" of a multi-step flow. */
  readonly step: number | undefined;
  readonly totalSteps: number | undefined;
  /** Whether it offered a Back button. */
  readonly back: boolean;
}

function messageText(m: string | vscode.InputBoxValidationMessage | undefined): string | undefined {
  return typeof m === 'object' ? m.message : m;
}

export interface Message {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  readonly detail: string | undefined;
  readonly modal: boolean;
  readonly actions: readonly string[];
}

type MessageRule = { match: RegExp; answer: string | undefined };

/**
 * Every input box or quick pick shown in this run without a title or a placeholder, described:
 * a user reads those to know what is asked (the integration run fails on any, in index.ts).
 */
export const promptsWithoutWords = new Set<string>();

function checkWords(kind: string, prompt: { title?: string; placeholder?: string; prompt?: string }): void {
  if (!prompt.title?.trim() || !prompt.placeholder?.trim())
    promptsWithoutWords.add(
      `${kind} titled "${prompt.title ?? ''}", placeholder "${prompt.placeholder ?? ''}" (prompt "${prompt.prompt ?? ''}")`,
    );
}

/** A notification left on screen: nobody has clicked or closed it yet. */
export interface HeldMessage {
  readonly message: Message;
  /** Clicks one of its buttons (undefined: closes it), as a user does long after it was shown. */
  answer(choice: string | undefined): void;
  /** Whether it was answered. */
  readonly answered: boolean;
}

/** The functions a FakeUi replaces, as they are right now (VS Code's own, or another fake's). */
function current() {
  return {
    createInputBox: vscode.window.createInputBox,
    createQuickPick: vscode.window.createQuickPick,
    showInformationMessage: vscode.window.showInformationMessage,
    showWarningMessage: vscode.window.showWarningMessage,
    showErrorMessage: vscode.window.showErrorMessage,
    showWorkspaceFolderPick: vscode.window.showWorkspaceFolderPick,
    showSaveDialog: vscode.window.showSaveDialog,
  };
}

/** Replaces the prompt and message functions until {@link FakeUi.restore}. */
export class FakeUi {
  readonly shown: Shown[] = [];
  readonly messages: Message[] = [];
  private readonly inputs: InputAnswer[] = [];
  private readonly picks: PickAnswer[] = [];
  private readonly rules: MessageRule[] = [];
  private saveDialogAnswer: vscode.Uri | undefined;
  private folderAnswer: string | undefined;
  private messageWaiters: Array<{ match: RegExp; resolve: (m: Message) => void }> = [];
  private readonly holds: Array<{ match: RegExp; resolve: (held: HeldMessage) => void }> = [];

  /** What was in place before this fake: restored by {@link restore}, so fakes can nest. */
  private readonly previous = current();

  constructor() {
    const w = vscode.window as unknown as Record<string, unknown>;
    w.createInputBox = () => this.inputBox();
    w.createQuickPick = () => this.quickPick();
    w.showInformationMessage = (text: string, ...rest: unknown[]) => this.message('info', text, rest);
    w.showWarningMessage = (text: string, ...rest: unknown[]) => this.message('warning', text, rest);
    w.showErrorMessage = (text: string, ...rest: unknown[]) => this.message('error', text, rest);
    w.showWorkspaceFolderPick = async () =>
      vscode.workspace.workspaceFolders?.find((f) => f.name === this.folderAnswer) ?? undefined;
    w.showSaveDialog = async () => this.saveDialogAnswer;
  }

  /** Runs `fn` with a fake of its own, restored afterwards: set-up and clean-up beside a test's own fake. */
  static async during<T>(fn: (ui: FakeUi) => Promise<T>): Promise<T> {
    const ui = new FakeUi();
    try {
      return await fn(ui);
    } finally {
      ui.restore();
    }
  }

  /**
   * Queues answers for the next input boxes, in order. When a box refuses a typed value (its
   * validation keeps it open), the value is recorded with the validation message and the next
   * queued answer goes into the same box, as a user would retype.
   */
  type(...answers: InputAnswer[]): this {
    this.inputs.push(...answers);
    return this;
  }

  /** Queues answers for the next quick picks, in order. */
  pick(...answers: PickAnswer[]): this {
    this.picks.push(...answers);
    return this;
  }

  /** Answers every message whose text matches with the given button (undefined = dismiss). */
  onMessage(match: RegExp, answer: string | undefined): this {
    this.rules.push({ match, answer });
    return this;
  }

  answerSaveDialog(uri: vscode.Uri | undefined): this {
    this.saveDialogAnswer = uri;
    return this;
  }

  answerFolderPick(name: string): this {
    this.folderAnswer = name;
    return this;
  }

  /**
   * Leaves the next message whose text matches on screen, unanswered, as a user who has not got to
   * it yet (or whose VS Code tucked it away): the promise the extension got stays pending until
   * the test answers it. Resolves once that message is shown.
   */
  hold(match: RegExp): Promise<HeldMessage> {
    return new Promise((resolve) => this.holds.push({ match, resolve }));
  }

  /** Resolves with the first message (already shown or still to come) whose text matches. */
  waitForMessage(match: RegExp): Promise<Message> {
    const seen = this.messages.find((m) => match.test(m.text));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.messageWaiters.push({ match, resolve }));
  }

  /** Whatever prompts were queued but never shown: a test should use all it queued. */
  unused(): { inputs: InputAnswer[]; picks: PickAnswer[] } {
    return { inputs: [...this.inputs], picks: [...this.picks] };
  }

  restore(): void {
    Object.assign(vscode.window, this.previous);
  }

  private message(level: Message['level'], text: string, rest: unknown[]): Promise<string | undefined> {
    const options =
      rest[0] && typeof rest[0] === 'object' && !('title' in (rest[0] as object))
        ? (rest[0] as vscode.MessageOptions)
        : undefined;
    const actions = rest.filter((r): r is string => typeof r === 'string');
    const message: Message = {
      level,
      text,
      detail: options?.detail,
      modal: options?.modal ?? false,
      actions,
    };
    this.messages.push(message);
    const rule = this.rules.find((r) => r.match.test(text));
    this.messageWaiters = this.messageWaiters.filter((w) => {
      if (!w.match.test(text)) return true;
      w.resolve(message);
      return false;
    });
    const hold = this.holds.findIndex((h) => h.match.test(text));
    if (hold >= 0) {
      const [{ resolve }] = this.holds.splice(hold, 1) as [(typeof this.holds)[number]];
      return new Promise((answer) => {
        let answered = false;
        resolve({
          message,
          get answered() {
            return answered;
          },
          answer: (choice) => {
            answered = true;
            answer(choice);
          },
        });
      });
    }
    return Promise.resolve(rule?.answer);
  }

  private inputBox(): vscode.InputBox {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const change = new vscode.EventEmitter<string>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const box = {
      value: '',
      title: undefined,
      prompt: undefined,
      placeholder: undefined,
      password: false,
      step: undefined as number | undefined,
      totalSteps: undefined as number | undefined,
      ignoreFocusOut: false,
      buttons: [] as readonly vscode.QuickInputButton[],
      enabled: true,
      busy: false,
      validationMessage: undefined as string | vscode.InputBoxValidationMessage | undefined,
      valueSelection: undefined,
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidChangeValue: change.event,
      onDidTriggerButton: button.event,
      hide: () => hide.fire(),
      dispose: () => {
        disposed = true;
      },
      show: () => {
        checkWords('input box', box);
        const answer = this.inputs.shift();
        setImmediate(() => answerWith(answer));
      },
    };
    let disposed = false;
    const answerWith = (answer: InputAnswer | undefined): void => {
      if (answer === undefined)
        throw new Error(`No answer queued for input box "${box.title ?? ''}: ${box.prompt ?? ''}"`);
      const record = () =>
        this.shown.push({
          kind: 'input',
          title: box.title,
          prompt: box.prompt,
          password: box.password,
          value: box.value,
          items: [],
          descriptions: [],
          picked: [],
          separators: [],
          validationMessage: messageText(box.validationMessage),
          placeholder: box.placeholder,
          step: box.step,
          totalSteps: box.totalSteps,
          back: box.buttons.includes(vscode.QuickInputButtons.Back),
        });
      if (typeof answer === 'string') {
        const initial = box.value;
        box.value = answer;
        change.fire(answer);
        this.shown.push({
          kind: 'input',
          title: box.title,
          prompt: box.prompt,
          password: box.password,
          value: initial,
          items: [],
          descriptions: [],
          picked: [],
          separators: [],
          validationMessage: messageText(box.validationMessage),
          placeholder: box.placeholder,
          step: box.step,
          totalSteps: box.totalSteps,
          back: box.buttons.includes(vscode.QuickInputButtons.Back),
        });
        accept.fire();
        if (!disposed) {
          const next = this.inputs.shift();
          if (next === undefined) {
            throw new Error(
              `Input box "${box.title ?? ''}" refused "${box.password ? '(a password)' : answer}" (${messageText(box.validationMessage) ?? ''}) and no other answer is queued`,
            );
          }
          answerWith(next);
        }
      } else if ('back' in answer) {
        record();
        button.fire(vscode.QuickInputButtons.Back);
      } else {
        record();
        hide.fire();
      }
    };
    return box as unknown as vscode.InputBox;
  }

  private quickPick(): vscode.QuickPick<vscode.QuickPickItem> {
    const accept = new vscode.EventEmitter<void>();
    const hide = new vscode.EventEmitter<void>();
    const button = new vscode.EventEmitter<vscode.QuickInputButton>();
    const pick = {
      items: [] as readonly vscode.QuickPickItem[],
      selectedItems: [] as readonly vscode.QuickPickItem[],
      activeItems: [] as readonly vscode.QuickPickItem[],
      canSelectMany: false,
      title: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      step: undefined as number | undefined,
      totalSteps: undefined as number | undefined,
      ignoreFocusOut: false,
      matchOnDescription: false,
      matchOnDetail: false,
      buttons: [] as readonly vscode.QuickInputButton[],
      enabled: true,
      busy: false,
      value: '',
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidTriggerButton: button.event,
      onDidChangeValue: new vscode.EventEmitter<string>().event,
      onDidChangeActive: new vscode.EventEmitter<unknown>().event,
      onDidChangeSelection: new vscode.EventEmitter<unknown>().event,
      onDidTriggerItemButton: new vscode.EventEmitter<unknown>().event,
      hide: () => hide.fire(),
      dispose: () => undefined,
      show: () => {
        checkWords('quick pick', pick);
        const answer = this.picks.shift();
        setImmediate(() => {
          if (answer === undefined)
            throw new Error(
              `No answer queued for quick pick "${pick.title ?? ''}: ${pick.placeholder ?? ''}"`,
            );
          this.shown.push({
            kind: 'pick',
            title: pick.title,
            prompt: pick.placeholder,
            password: false,
            value: undefined,
            items: pick.items
              .filter((i) => i.kind !== vscode.QuickPickItemKind.Separator)
              .map((i) => i.label),
            descriptions: pick.items
              .filter((i) => i.kind !== vscode.QuickPickItemKind.Separator)
              .map((i) => i.description ?? ''),
            picked: pick.selectedItems.map((i) => i.label),
            separators: pick.items
              .filter((i) => i.kind === vscode.QuickPickItemKind.Separator)
              .map((i) => i.label),
            validationMessage: undefined,
            placeholder: pick.placeholder,
            step: pick.step,
            totalSteps: pick.totalSteps,
            back: pick.buttons.includes(vscode.QuickInputButtons.Back),
          });
          if (typeof answer === 'object' && !Array.isArray(answer)) {
            if ('back' in answer) button.fire(vscode.QuickInputButtons.Back);
            else hide.fire();
            return;
          }
          const wanted = Array.isArray(answer) ? answer : [answer];
          const chosen = wanted.map((label) => {
            const choosable = pick.items.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
            const item =
              choosable.find((i) => i.label === label) ?? choosable.find((i) => i.label.includes(label));
            if (!item)
              throw new Error(
                `Quick pick "${pick.title ?? ''}" has no item "${label}" (items: ${pick.items.map((i) => i.label).join(' | ')})`,
              );
            return item;
          });
          pick.selectedItems = chosen;
          pick.activeItems = chosen.slice(0, 1);
          accept.fire();
        });
      },
    };
    return pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
  }
}
