/**
 * Form fields that never drop what the user typed: a valid value is applied at once (the files change
 * with each keystroke); an invalid one stays in the field with a message beside it, and the topology
 * keeps its last valid value until the field is fixed.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { credentialProblem } from '../../model/index.ts';

export type Parse<T> = (text: string) => { ok: true; value: T } | { ok: false; message: string };

interface TextFieldProps<T> {
  label: string;
  value: T;
  format?: (value: T) => string;
  parse: Parse<T>;
  onChange: (value: T) => void;
  type?: 'text' | 'password' | 'number';
  hint?: ReactNode;
  placeholder?: string;
  list?: string;
}

export function TextField<T>({ label, value, format = String, parse, onChange, type = 'text', hint, placeholder, list }: TextFieldProps<T>) {
  const id = useId();
  const shown = format(value);
  const [draft, setDraft] = useState<{ text: string; message: string } | null>(null);
  // When the value changes from outside (undo, a rename), the draft of the old value goes; a change
  // this field made itself keeps the text as typed (`a, ` while typing a list).
  const committed = useRef(shown);
  useEffect(() => {
    if (shown !== committed.current) {
      committed.current = shown;
      setDraft(null);
    }
  }, [shown]);
  const message = draft?.message;
  return (
    <div className={message ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={draft ? draft.text : shown}
        placeholder={placeholder}
        list={list}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={message ? true : undefined}
        aria-describedby={message || hint ? `${id}-note` : undefined}
        onChange={(event) => {
          const text = event.target.value;
          const result = parse(text);
          if (result.ok) {
            committed.current = format(result.value);
            setDraft(committed.current === text ? null : { text, message: '' });
            onChange(result.value);
          } else {
            setDraft({ text, message: result.message });
          }
        }}
        onBlur={() => {
          if (draft && !draft.message) setDraft(null);
        }}
      />
      {(message || hint) && (
        <span id={`${id}-note`} className={message ? 'field-message' : 'field-hint'} role={message ? 'alert' : undefined}>
          {message || hint}
        </span>
      )}
    </div>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly (T | { value: T; label: string })[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => {
          const { value: v, label: l } = typeof option === 'string' ? { value: option, label: option } : option;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
    </div>
  );
}

// Parsers, each with a message that names the fix.

export const anyText: Parse<string> = (text) => ({ ok: true, value: text });

export function required(what: string): Parse<string> {
  return (text) => (text.trim() === '' ? { ok: false, message: `${what} cannot be empty` } : { ok: true, value: text });
}

/** A user name, password, alias or file name: required, and carried alike by the files and the runbook. */
export function credential(what: string, { allowEmpty = false } = {}): Parse<string> {
  return (text) => {
    if (text === '' && !allowEmpty) return { ok: false, message: `${what} cannot be empty` };
    const problem = credentialProblem(text);
    return problem ? { ok: false, message: `${what} ${problem}: remove it` } : { ok: true, value: text };
  };
}

export function pattern(regex: RegExp, message: string): Parse<string> {
  return (text) => (regex.test(text) ? { ok: true, value: text } : { ok: false, message });
}

export function integer(min: number, max: number, what: string): Parse<number> {
  return (text) => {
    if (!/^\d+$/.test(text.trim())) return { ok: false, message: `${what} must be a whole number from ${min} to ${max}` };
    const value = Number(text.trim());
    if (value < min || value > max) return { ok: false, message: `${what} ${value} is out of range ${min}–${max}` };
    return { ok: true, value };
  };
}

/** A comma-separated list: `a, b` ⇄ `['a', 'b']`. */
export const commaList = {
  format: (items: readonly string[]) => items.join(', '),
  parse: ((text) => ({
    ok: true,
    value: text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  })) as Parse<string[]>,
};

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
