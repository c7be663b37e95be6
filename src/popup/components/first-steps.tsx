// The first run as a checklist, on the home view until all three are done: register the app, add
// its JWT credential, connect it to an API and a tool — or one `.env` import for the first two.
import { usePopupState } from '../context';
import { hashFor, type ViewId } from '../navigation';
import { useNavigation } from '../navigation-context';
import { Check } from './icons';

interface Step {
  done: boolean;
  text: string;
  /** Where it is done; none for the step done on the home view itself. */
  view?: ViewId;
  action?: string;
}

export function firstSteps(counts: { apps: number; credentials: number; connections: number }): Step[] {
  return [
    {
      done: counts.apps > 0,
      text: 'Register the app (client ID) your JWT is used with.',
      view: 'apps',
      action: 'Open Apps',
    },
    {
      done: counts.credentials > 0,
      text: 'Add the JWT credential, or import a quick start’s .env file for both.',
      view: 'credentials',
      action: 'Open Credentials',
    },
    { done: counts.connections > 0, text: 'Connect it to your API and the tool that calls it, below.' },
  ];
}

export function FirstSteps() {
  const { counts } = usePopupState();
  const navigation = useNavigation();
  const steps = firstSteps(counts.value);
  if (steps.every((step) => step.done)) return null;
  const next = steps.findIndex((step) => !step.done);
  return (
    <section class="first-steps" aria-labelledby="first-steps-title">
      <h2 id="first-steps-title">First steps</h2>
      <ol>
        {steps.map((step, i) => (
          <li key={step.text} data-done={step.done} aria-current={i === next ? 'step' : undefined}>
            <span class="step-mark" aria-hidden="true">
              {step.done ? <Check /> : i + 1}
            </span>
            <span>
              {step.text}
              {step.done && <span class="visually-hidden"> Done.</span>}
              {step.view && !step.done && (
                <>
                  {' '}
                  <a
                    href={hashFor(step.view)}
                    onClick={(event) => {
                      event.preventDefault();
                      if (step.view) navigation.go(step.view);
                    }}
                  >
                    {step.action}
                  </a>
                </>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
