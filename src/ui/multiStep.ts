import { BACK } from './quickInput';

/**
 * Where a step stands in its flow, for the prompt's "(2/3)" and its Back button. The total is
 * left out ("(2)") while an answer still to come decides which steps are asked.
 */
export interface StepPosition {
  readonly step: number;
  readonly totalSteps: number | undefined;
}

/**
 * One question of a multi-step flow. `ask` shows its prompt (with `position`) and keeps the answer
 * itself; it resolves to BACK for the Back button, undefined when cancelled, anything else to go on.
 */
export interface Step {
  readonly ask: (position: StepPosition) => Promise<unknown>;
  /** Checked each time the flow reaches the step: true leaves it out (its value came as an argument, say). */
  readonly skip?: () => boolean;
  /**
   * Its answer decides which later steps are asked (the kind of client): until it is answered, no
   * total is shown, so that a total once shown never changes.
   */
  readonly decides?: boolean;
}

/**
 * Runs steps in order with Back, the way the quickinput sample's MultiStepInput does: Back returns
 * to the step shown before, and the count covers only the steps that are asked. `from` starts at a
 * later step (to correct one answer, say). Resolves to true once the last step is answered, false
 * when the user cancels.
 */
export async function runSteps(steps: readonly Step[], from = 0): Promise<boolean> {
  const shown: number[] = [];
  let index = from;
  while (index < steps.length) {
    const step = steps[index]!;
    if (step.skip?.()) {
      index++;
      continue;
    }
    const asked = steps.filter((s, i) => (i < index ? shown.includes(i) : !s.skip?.()));
    const undecided = steps.some((s, i) => i >= index && s.decides && !s.skip?.());
    const answer: unknown = await step.ask({
      step: shown.length + 1,
      totalSteps: undecided ? undefined : asked.length,
    });
    if (answer === undefined) return false;
    if (answer === BACK) {
      const previous = shown.pop();
      if (previous !== undefined) index = previous;
      continue;
    }
    shown.push(index);
    index++;
  }
  return true;
}
