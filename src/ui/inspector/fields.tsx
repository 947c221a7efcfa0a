/**
 * Form fields with one commit model. What a person types is a draft until it is whole: Enter or leaving
 * the field commits it (a field with `onPause` also applies a valid value after a pause in typing, for a
 * live preview of free text). An invalid draft never reaches the topology: it stays in its field, marked
 * and explained, and is counted in the toolbar and listed in Problems until it is fixed or Escape brings
 * back the value in force. Drafts live in the store (keyed by the field's scope and label), so they
 * survive selecting another node and coming back. Every commit is one undo step; the store folds a
 * field's previews into its commit's step (store/history.ts).
 */
import { createContext, useContext, useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import { LIMITS, credentialProblem, tooLong } from '../../model/index.ts';
import { useDesigner } from '../store.tsx';
import { fieldInputId } from './fieldId.ts';

export type Parse<T> = (text: string) => { ok: true; value: T } | { ok: false; message: string };

/** Where a field's drafts are kept: `node:<id>` (with the node) or `settings`. */
export interface FieldScopeValue {
  key: string;
  nodeId?: string;
}

export const FieldScope = createContext<FieldScopeValue>({ key: 'settings' });

export function FieldScopeProvider({ value, children }: { value: FieldScopeValue; children: ReactNode }) {
  return <FieldScope.Provider value={value}>{children}</FieldScope.Provider>;
}

export { fieldInputId };

/** How long a pause in typing applies an `onPause` field's value (a debounce of the preview, not of history). */
const PAUSE_MS = 700;

interface TextFieldProps<T> {
  label: string;
  value: T;
  format?: (value: T) => string;
  parse: Parse<T>;
  onChange: (value: T) => void;
  type?: 'text' | 'password' | 'number';
  hint?: ReactNode;
  placeholder?: string | undefined;
  list?: string;
  /**
   * Applies a valid value after a pause in typing too (free text, where a live preview helps): a store
   * action whose previews join the step the commit (`onChange`) then closes.
   */
  onPause?: (value: T) => void;
  /**
   * The most characters the topology format takes here (model/limits.ts), so what the page accepts
   * survives a reload; default LIMITS.text. null for a list, whose parser checks each item.
   */
  maxLength?: number | null;
}

export function TextField<T>({
  label,
  value,
  format = String,
  parse,
  onChange,
  type = 'text',
  hint,
  placeholder,
  list,
  onPause,
  maxLength = LIMITS.text,
}: TextFieldProps<T>) {
  const scope = useContext(FieldScope);
  const key = `${scope.key}:${label}`;
  const id = fieldInputId(key);
  const noteId = useId();
  const draft = useDesigner((s) => s.drafts[key]);
  const setDraft = useDesigner((s) => s.setDraft);
  const shown = format(value);
  const pause = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Whether a preview reached the topology since the last commit: the commit then ends its undo step. */
  const previewed = useRef(false);
  useEffect(() => () => clearTimeout(pause.current), []);

  /** The parse, after the length the topology format takes. */
  const check = (text: string): ReturnType<Parse<T>> => {
    const long = maxLength === null ? undefined : tooLong(text, maxLength);
    return long ? { ok: false, message: `${label} ${long}` } : parse(text);
  };
  const commit = (text: string) => {
    clearTimeout(pause.current);
    const result = check(text);
    if (!result.ok) return; // stays a draft, with its message
    setDraft(key, null);
    // After a preview the commit is sent even when it changes nothing: it closes the previews' step.
    if (format(result.value) !== shown || previewed.current) onChange(result.value);
    previewed.current = false;
  };
  const preview = (text: string) => {
    const result = check(text);
    if (!result.ok || !onPause) return;
    setDraft(key, null);
    previewed.current = true;
    onPause(result.value);
  };
  /** Enter or leaving the field: the draft, or the value a preview applied. */
  const commitNow = () => {
    if (draft) commit(draft.text);
    else if (previewed.current) commit(shown);
  };
  const edit = (text: string) => {
    clearTimeout(pause.current);
    if (text === shown) {
      setDraft(key, null);
      return;
    }
    const result = check(text);
    setDraft(key, { text, message: result.ok ? '' : result.message, label, nodeId: scope.nodeId });
    if (onPause && result.ok) pause.current = setTimeout(() => preview(text), PAUSE_MS);
  };

  const message = draft?.message;
  const restored = type === 'password' ? 'the value in force' : shown === '' ? 'the empty value' : shown;
  return (
    <div className={message ? 'field invalid' : draft ? 'field pending' : 'field'}>
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
        aria-describedby={[message && `${noteId}-message`, (draft || hint) && `${noteId}-hint`].filter(Boolean).join(' ') || undefined}
        onChange={(event) => edit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commitNow();
          } else if (event.key === 'Escape' && draft) {
            // Back to the value in force; the Escape is this field's, not the canvas's.
            event.preventDefault();
            event.stopPropagation();
            clearTimeout(pause.current);
            setDraft(key, null);
          }
        }}
        onBlur={commitNow}
      />
      {message && (
        <span id={`${noteId}-message`} className="field-message" role="alert">
          {message}
        </span>
      )}
      {(draft || hint) && (
        <span id={`${noteId}-hint`} className="field-hint">
          {draft ? `${message ? 'Not applied: fix it, or press Escape' : 'Enter applies it; Escape'} to restore ${restored}.` : hint}
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

/** A comma-separated list: `a, b` ⇄ `['a', 'b']`, within the format's limits on items and their length. */
export const commaList = {
  format: (items: readonly string[]) => items.join(', '),
  parse: ((text) => {
    const value = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    if (value.length > LIMITS.listItems)
      return { ok: false, message: `The list has ${value.length} items; at most ${LIMITS.listItems} are allowed` };
    const long = value.find((item) => item.length > LIMITS.text);
    if (long) return { ok: false, message: `"${long.slice(0, 24)}…" ${tooLong(long, LIMITS.text)}` };
    return { ok: true, value };
  }) as Parse<string[]>,
};

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
