// @vitest-environment happy-dom
// The shared form parts: each label names its control, hints and errors are tied to it, secret
// controls never let the browser keep their value, and the inline-edit list gives focus back.
import { signal } from '@preact/signals';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckField } from '../../../src/popup/components/fields/check-field';
import { EditableList } from '../../../src/popup/components/fields/editable-list';
import {
  type NewPassword,
  NewPasswordFields,
  useNewPassword,
} from '../../../src/popup/components/fields/new-password-fields';
import { RadioGroup } from '../../../src/popup/components/fields/radio-group';
import { SecretField } from '../../../src/popup/components/fields/secret-field';
import { SelectField } from '../../../src/popup/components/fields/select-field';
import { TextField } from '../../../src/popup/components/fields/text-field';

function mount(node: preact.ComponentChild): void {
  act(() => render(node, document.body));
}

/** The control a label wraps, found as a person finds it: by the label's text. */
function control(text: string): HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement {
  // The label's own words, without a select's options.
  const own = (label: HTMLLabelElement) =>
    [...label.childNodes]
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent)
      .join('')
      .trim();
  const label = [...document.querySelectorAll('label')].find((l) => own(l) === text);
  const found = label?.querySelector('input, textarea, select');
  if (!found) throw new Error(`no control labelled "${text}"`);
  return found as HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement;
}

/** The texts that describe a control, in aria-describedby order. */
function descriptions(element: Element): string[] {
  const ids = element.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`);
}

function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  act(() => {
    element.value = value;
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function button(name: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

afterEach(() => {
  act(() => render(null, document.body));
});

describe('TextField', () => {
  it('writes what is typed to its signal, with the autocomplete its caller chose', () => {
    const value = signal('');
    mount(<TextField label="App name" value={value} autocomplete="on" required />);
    const input = control('App name');
    expect(input.getAttribute('autocomplete')).toBe('on');
    expect(input.required).toBe(true);
    type(input, 'Demo');
    expect(value.value).toBe('Demo');
  });

  it('ties its hint and error to the control, and is invalid only while the error stands', () => {
    const value = signal('');
    const error = signal<string[] | undefined>(undefined);
    const Field = () => (
      <TextField
        label="Origins"
        value={value}
        autocomplete="off"
        rows={2}
        hint="One per line."
        error={error.value}
      />
    );
    mount(<Field />);
    const area = control('Origins');
    expect(area.tagName).toBe('TEXTAREA');
    expect(descriptions(area)).toEqual(['One per line.']);
    expect(area.hasAttribute('aria-invalid')).toBe(false);

    act(() => {
      error.value = ['Line 1 is wrong.', 'Line 2 repeats.'];
    });
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(descriptions(area)).toEqual(['One per line.', 'Line 1 is wrong.Line 2 repeats.']);
    expect(document.querySelector('[role="alert"]')?.querySelectorAll('p')).toHaveLength(2);

    act(() => {
      error.value = undefined;
    });
    expect(area.hasAttribute('aria-invalid')).toBe(false);
    expect(document.querySelector('[role="alert"]')).toBeNull();
  });

  it('hands the text to onInput instead of writing a derived value', () => {
    const typed: string[] = [];
    mount(
      <TextField
        label="API base URL"
        type="url"
        autocomplete="off"
        value={signal('x')}
        onInput={(t) => typed.push(t)}
      />,
    );
    type(control('API base URL'), 'https://api.example.test/');
    expect(typed).toEqual(['https://api.example.test/']);
  });
});

describe('SecretField', () => {
  it('never offers its value to the browser to keep: a password input, or autocomplete off', () => {
    const value = signal('');
    mount(
      <>
        <SecretField label="Master password" value={value} masked="current-password" />
        <SecretField label="New one" value={value} masked="new-password" />
        <SecretField label="Client secret" value={value} masked="off" />
        <SecretField label="JWT" value={value} rows={3} />
        <SecretField label="Notes" value={value} />
      </>,
    );
    expect(control('Master password').type).toBe('password');
    expect(control('Master password').getAttribute('autocomplete')).toBe('current-password');
    expect(control('New one').getAttribute('autocomplete')).toBe('new-password');
    expect(control('Client secret').type).toBe('password');
    for (const text of ['Client secret', 'JWT', 'Notes']) {
      expect(control(text).getAttribute('autocomplete'), text).toBe('off');
    }
    expect(control('JWT').tagName).toBe('TEXTAREA');
    expect(control('Notes').type).toBe('text');
  });

  it('shows its error as an alert tied to the control', () => {
    mount(<SecretField label="JWT" value={signal('x')} rows={3} error="This is not a JWT." />);
    const area = control('JWT');
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(descriptions(area)).toEqual(['This is not a JWT.']);
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('This is not a JWT.');
  });
});

describe('SelectField and CheckField', () => {
  it('says so when there is nothing to choose', () => {
    const chosen: string[] = [];
    const choices = signal([{ value: 'a', label: 'Alpha' }]);
    const Field = () => (
      <SelectField
        label="App"
        value=""
        choices={choices.value}
        empty="No app allowed"
        onChange={(v) => chosen.push(v)}
      />
    );
    mount(<Field />);
    const select = control('App');
    expect([...select.options].map((o) => o.textContent)).toEqual(['Alpha']);
    act(() => {
      select.value = 'a';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(chosen).toEqual(['a']);
    act(() => {
      choices.value = [];
    });
    expect([...select.options].map((o) => o.textContent)).toEqual(['No app allowed']);
  });

  it('explains a box that cannot be ticked', () => {
    mount(
      <CheckField
        label="Lock with the screen"
        checked={false}
        disabled
        note="Not here."
        onChange={() => {}}
      />,
    );
    const box = control('Lock with the screen');
    expect(box.disabled).toBe(true);
    expect(descriptions(box)).toEqual(['Not here.']);
  });
});

describe('RadioGroup', () => {
  it('is a fieldset named by its legend, whose radios set one signal', () => {
    const value = signal<'keep' | 'replace'>('keep');
    mount(
      <RadioGroup
        legend="For entries already in the vault"
        name="conflicts"
        value={value}
        choices={[
          { value: 'keep', label: 'Keep mine' },
          { value: 'replace', label: 'Replace' },
        ]}
      >
        <p>After the radios</p>
      </RadioGroup>,
    );
    const fieldset = document.querySelector('fieldset');
    expect(fieldset?.querySelector('legend')?.textContent).toBe('For entries already in the vault');
    expect(fieldset?.lastElementChild?.textContent).toBe('After the radios');
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => r.name)).toEqual(['conflicts', 'conflicts']);
    expect(control('Keep mine').checked).toBe(true);
    act(() => {
      control('Replace').click();
    });
    expect(value.value).toBe('replace');
  });
});

describe('NewPasswordFields', () => {
  let held: NewPassword | undefined;
  function Pair({ kind }: { kind: 'master' | 'backup' }) {
    held = useNewPassword(kind);
    return <NewPasswordFields value={held} />;
  }

  it('applies the new-password rule and shows its problem under the pair, tied to both fields', () => {
    mount(<Pair kind="master" />);
    const first = control('Master password');
    const second = control('Confirm password');
    expect(first.getAttribute('autocomplete')).toBe('new-password');
    // The strength advice is there for a master password, its bar only once something is typed.
    expect(document.querySelector('.strength-text')).not.toBeNull();
    expect(document.querySelector('meter')).toBeNull();

    type(first, 'short');
    expect(document.querySelector('meter')).not.toBeNull();
    let ok = true;
    act(() => {
      ok = held!.check();
    });
    expect(ok).toBe(false);
    expect(document.querySelector('[role="alert"]')?.textContent).toBe('Use at least 8 characters.');
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(descriptions(second)).toEqual(['Use at least 8 characters.']);
    expect(descriptions(first).at(-1)).toBe('Use at least 8 characters.');

    type(first, 'long enough');
    type(second, 'long enough');
    act(() => {
      ok = held!.check();
    });
    expect(ok).toBe(true);
    expect(document.querySelector('[role="alert"]')).toBeNull();
    expect(first.hasAttribute('aria-invalid')).toBe(false);
    act(() => held!.clear());
    expect([first.value, second.value]).toEqual(['', '']);
  });

  it('words a backup password as one, without the master password strength meter', () => {
    mount(<Pair kind="backup" />);
    type(control('Backup password'), 'long enough');
    type(control('Confirm backup password'), 'different');
    act(() => {
      held!.check();
    });
    expect(document.querySelector('[role="alert"]')?.textContent).toBe(
      'The two backup passwords are not the same.',
    );
    expect(document.querySelector('meter')).toBeNull();
  });
});

describe('EditableList', () => {
  const ITEMS = [
    { id: 'a', name: 'Alpha' },
    { id: 'b', name: 'Beta' },
  ];

  function List({ followFocus }: { followFocus?: boolean }) {
    return (
      <EditableList
        items={ITEMS}
        itemKey={(item) => item.id}
        followFocus={followFocus}
        row={(item, edit) => (
          <li>
            {item.name}
            <button type="button" data-edit={item.id} aria-label={`Edit ${item.name}`} onClick={edit}>
              Edit
            </button>
          </li>
        )}
        editor={(item, done) => (
          <form aria-label={`Edit ${item.name}`}>
            <input aria-label="Name" value={item.name} />
            <button type="button" onClick={done}>
              Done
            </button>
          </form>
        )}
      />
    );
  }

  it('turns one item at a time into its form, and back when it is done', () => {
    mount(<List />);
    act(() => button('Edit Beta').click());
    expect(document.querySelectorAll('form')).toHaveLength(1);
    expect(document.querySelector('li')?.textContent).toContain('Alpha');
    act(() => button('Edit Alpha').click());
    expect(document.querySelector('form')?.getAttribute('aria-label')).toBe('Edit Alpha');
    act(() => button('Done').click());
    expect(document.querySelectorAll('form')).toHaveLength(0);
    expect(document.querySelectorAll('li')).toHaveLength(2);
  });

  it('with followFocus, moves focus into the form and back to the Edit button', () => {
    mount(<List followFocus />);
    act(() => button('Edit Beta').click());
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Name');
    act(() => button('Done').click());
    expect(document.activeElement).toBe(button('Edit Beta'));
  });

  it('without it, leaves focus alone', () => {
    mount(<List />);
    act(() => button('Edit Beta').click());
    expect(document.activeElement?.getAttribute('aria-label')).not.toBe('Name');
  });
});
