/** The history policy: what each change does to undo history, decided by the policy and the field it edits, never by a clock. */
import { describe, expect, it } from 'vitest';
import type { HistoryPolicy, HistoryTurn } from '../../src/store/history.ts';
import { editedField, historyTurn, sameValue } from '../../src/store/history.ts';
import { sampleTopology } from '../../src/store/index.ts';
import { serializeTopology, updateNode, updateSettings } from '../../src/model/index.ts';

describe('historyTurn', () => {
  it.each<[string, HistoryPolicy, string, string | null, HistoryTurn]>([
    ['a step, nothing open', 'step', 'host', null, { record: 'new', open: null }],
    ['a step of the field whose previews are open: joins and closes', 'step', 'label', 'label', { record: 'join', open: null }],
    ['a step of another field: its own, and closes', 'step', 'host', 'label', { record: 'new', open: null }],
    ['a first preview opens a step', 'merge-with-same-field', 'label', null, { record: 'new', open: 'label' }],
    ['a preview of the open field joins it', 'merge-with-same-field', 'label', 'label', { record: 'join', open: 'label' }],
    ['a preview of another field opens its own', 'merge-with-same-field', 'name', 'label', { record: 'new', open: 'name' }],
    ['outside history', 'none', 'label', 'label', { record: 'skip', open: null }],
  ])('%s', (_name, policy, field, open, turn) => {
    expect(historyTurn(policy, () => field, open)).toEqual(turn);
  });

  it('a change of many fields never joins, and opens nothing to join', () => {
    expect(historyTurn('merge-with-same-field', () => null, null)).toEqual({ record: 'new', open: null });
    expect(historyTurn('step', () => null, 'label')).toEqual({ record: 'new', open: null });
  });

  it('asks for the field only when it matters', () => {
    let asked = 0;
    const field = () => {
      asked++;
      return 'host';
    };
    historyTurn('step', field, null);
    historyTurn('none', field, 'host');
    expect(asked).toBe(0);
  });
});

describe('editedField', () => {
  const t = sampleTopology();
  const gw1 = t.nodes.findIndex((n) => n.id === 'gw-1');

  it.each<[string, () => unknown, string | null]>([
    ['a node field, by the node’s place', () => updateNode(t, 'gw-1', { label: 'Edge' }), `nodes.${gw1}.label`],
    ['the name', () => ({ ...t, name: 'Other' }), 'name'],
    [
      'a settings field, however the inspector builds its patch',
      () => updateSettings(t, { superAdmin: { ...t.settings.superAdmin, password: 'x' } }),
      'settings.superAdmin.password',
    ],
    [
      'a comma list is one field',
      () => updateSettings(t, { cors: { ...t.settings.cors, allowMethods: ['GET'] } }),
      'settings.cors.allowMethods',
    ],
    ['a list of objects grown is the list', () => ({ ...t, links: [...t.links, { from: 'a', to: 'b' }] }), 'links'],
    ['a move of every node is not one field', () => ({ ...t, nodes: t.nodes.map((n) => ({ ...n, x: n.x + 1, y: n.y + 1 })) }), null],
  ])('%s', (_name, after, field) => {
    expect(editedField(t, after())).toBe(field);
  });

  it('the same field twice is the same identity, whatever the value', () => {
    expect(editedField(t, updateNode(t, 'gw-1', { label: 'E' }))).toBe(editedField(t, updateNode(t, 'gw-1', { label: 'Edge East' })));
    expect(editedField(t, updateNode(t, 'gw-1', { label: 'E' }))).not.toBe(editedField(t, updateNode(t, 'gw-2', { label: 'E' })));
    // A rename changes the links that follow it too; renaming the same node again is the same field.
    expect(editedField(t, updateNode(t, 'gw-1', { id: 'edge' }))).toBe(editedField(t, updateNode(t, 'gw-1', { id: 'edge-east' })));
    expect(editedField(t, updateNode(t, 'gw-1', { id: 'edge' }))).toContain(`nodes.${gw1}.id`);
  });
});

describe('sameValue (another tab saved the same topology?)', () => {
  it('is true for the same data in another key order, as serializeTopology writes it', () => {
    const topology = sampleTopology();
    const reverse = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverse)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reverse(v)]),
            )
          : value;
    const shuffled = reverse(topology) as typeof topology;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(topology));
    expect(serializeTopology(shuffled)).toBe(serializeTopology(topology));
    expect(sameValue(shuffled, topology)).toBe(true);
  });

  it('is false for any changed value, however deep, and for a node more or less', () => {
    const topology = sampleTopology();
    expect(sameValue(updateNode(topology, 'gw-1', { host: 'other.example.org' }), topology)).toBe(false);
    expect(sameValue(updateSettings(topology, { superAdmin: { ...topology.settings.superAdmin, password: 'x' } }), topology)).toBe(false);
    expect(sameValue({ ...topology, nodes: topology.nodes.slice(1) }, topology)).toBe(false);
    expect(sameValue({ ...topology, links: [...topology.links].reverse() }, topology)).toBe(false);
  });
});
