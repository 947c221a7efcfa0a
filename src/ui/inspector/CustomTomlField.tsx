/**
 * The Custom TOML editor of an API-M node or a load balancer: TOML the generator merges into the node's
 * deployment.toml (or every member's, for a load balancer), highlighted as typed. It commits like the other fields
 * (fields.tsx): what is typed is a draft until leaving the field or Ctrl+Enter; a draft that does not parse stays in
 * the field with its line and column, is listed in Problems, and never reaches the files; Escape restores the text in
 * force. Each commit is one undo step.
 */
import { useContext, useEffect, useId, useState } from 'react';
import type { NodePatch } from '../../model/index.ts';
import { LIMITS, tooLong } from '../../model/index.ts';
import { loadCustomTomlParser } from '../lazy.ts';
import { useDesigner, useDesignerStore } from '../store.tsx';
import type { Highlighter } from '../files/highlight.ts';
import { escapeHtml, loadHighlighter } from '../files/highlight.ts';
import { FieldScope, TextField, commaList, fieldInputId } from './fields.tsx';

const LABEL = 'Custom TOML';

/** The TOML parser, loaded with the first Custom TOML field (it is not part of the page's first load). */
let parser: typeof import('../../generate/customToml.ts') | undefined;
const CHECKING = 'Checking the TOML…';

/** The text's problem as the field shows it, or '' when it can be applied. */
export function customTomlProblem(text: string): string {
  const long = tooLong(text, LIMITS.customToml);
  if (long) return `${LABEL} ${long}`;
  if (text.trim() === '') return '';
  if (!parser) return CHECKING; // stays a draft until the parser has read it
  const parsed = parser.parseCustomToml(text);
  if (parsed.ok) return '';
  return parsed.line === undefined ? parsed.message : `Line ${parsed.line}, column ${parsed.column ?? 1}: ${parsed.message}`;
}

export function CustomTomlField({
  node,
  update,
}: {
  node: { id: string; kind: string; customToml?: string | undefined; customTomlOverrides?: string[] | undefined };
  update: (patch: NodePatch) => void;
}) {
  const scope = useContext(FieldScope);
  const key = `${scope.key}:${LABEL}`;
  const id = fieldInputId(key);
  const noteId = useId();
  const draft = useDesigner((s) => s.drafts[key]);
  const setDraft = useDesigner((s) => s.setDraft);
  const store = useDesignerStore();
  const shown = node.customToml ?? '';
  const text = draft ? draft.text : shown;
  const highlight = useHighlighter();

  const edit = (next: string) => {
    if (next === shown) {
      setDraft(key, null);
      return;
    }
    const message = customTomlProblem(next);
    setDraft(key, { text: next, message, label: LABEL, nodeId: scope.nodeId });
    if (message === CHECKING) {
      void loadCustomTomlParser().then((loaded) => {
        parser = loaded;
        // Only if the person has not typed on meanwhile: a later keystroke checks its own text.
        const current = store.getState().drafts[key];
        if (current?.text === next) setDraft(key, { text: next, message: customTomlProblem(next), label: LABEL, nodeId: scope.nodeId });
      });
    }
  };
  useEffect(() => {
    void loadCustomTomlParser().then((loaded) => void (parser = loaded));
  }, []);
  const commit = () => {
    if (!draft || draft.message !== '') return; // nothing typed, or stays a draft with its message
    setDraft(key, null);
    update({ customToml: draft.text.trim() === '' ? undefined : draft.text });
  };

  const message = draft?.message;
  const lines = text.split('\n');
  const loadBalancer = node.kind === 'load-balancer';
  return (
    <div className={message ? 'field custom-toml invalid' : draft ? 'field custom-toml pending' : 'field custom-toml'}>
      <label htmlFor={id}>{LABEL}</label>
      <div className="toml-editor">
        <pre className="code" aria-hidden="true">
          {lines.map((line, i) =>
            highlight ? (
              <span key={i} className="line" dangerouslySetInnerHTML={{ __html: `${highlight(line, 'toml')}\n` }} />
            ) : (
              <span key={i} className="line" dangerouslySetInnerHTML={{ __html: `${escapeHtml(line)}\n` }} />
            ),
          )}
        </pre>
        <textarea
          id={id}
          value={text}
          rows={Math.min(Math.max(lines.length + 1, 4), 24)}
          spellCheck={false}
          autoComplete="off"
          wrap="off"
          placeholder={'[apim.cache.gateway_token]\nenable = true'}
          aria-invalid={message ? true : undefined}
          aria-describedby={`${message ? `${noteId}-message ` : ''}${noteId}-hint`}
          onChange={(event) => edit(event.target.value)}
          onScroll={(event) => {
            const pre = event.currentTarget.previousElementSibling;
            if (pre) {
              pre.scrollTop = event.currentTarget.scrollTop;
              pre.scrollLeft = event.currentTarget.scrollLeft;
            }
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              commit();
            } else if (event.key === 'Escape' && draft) {
              event.preventDefault();
              event.stopPropagation();
              setDraft(key, null);
            }
          }}
          onBlur={commit}
        />
      </div>
      {message && (
        <span id={`${noteId}-message`} className="field-message" role="alert">
          {message}
        </span>
      )}
      <span id={`${noteId}-hint`} className="field-hint">
        {draft
          ? message
            ? 'Not applied: fix it, or press Escape to restore the text in force.'
            : 'Leaving the field or Ctrl+Enter applies it; Escape restores the text in force.'
          : loadBalancer
            ? 'Merged into the deployment.toml of every node this load balancer fronts; a node’s own custom TOML wins over it. A key the designer writes keeps the designer’s value unless listed below.'
            : 'Merged into this node’s deployment.toml. A key the designer writes keeps the designer’s value unless listed below.'}
      </span>
      {(shown !== '' || (node.customTomlOverrides?.length ?? 0) > 0) && (
        <TextField
          label="Keys where custom wins"
          value={node.customTomlOverrides ?? []}
          format={commaList.format}
          parse={commaList.parse}
          maxLength={null}
          onChange={(keys) => update({ customTomlOverrides: keys.length > 0 ? keys : undefined })}
          hint="Dotted keys, comma-separated: here the custom value replaces the designer’s (Problems offers it for each conflict)."
        />
      )}
    </div>
  );
}

/** Prism's TOML grammar, once it has loaded (plain text until then). */
function useHighlighter(): Highlighter | undefined {
  const [highlighter, setHighlighter] = useState<Highlighter | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadHighlighter().then(
      (h) => live && setHighlighter(() => h),
      () => undefined, // without the highlighter the text is shown plain
    );
    return () => {
      live = false;
    };
  }, []);
  return highlighter;
}
