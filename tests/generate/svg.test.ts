/**
 * The exported picture (src/generate/svg.ts): well-formed XML for any labels, with each label a text node equal to
 * it and nothing that runs or loads; the page's colours; arrows where a link's direction means something.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { KIND_NAMES, NODE_KINDS, newNode, nodeAddress } from '../../src/model/index.ts';
import { PICTURE_PALETTES, topologySvg } from '../../src/generate/index.ts';
import { svgNumber } from '../../src/generate/svg.ts';
import { arbitraryTopology, hostileText, loadExample, node, topology } from '../factories.ts';

/** jsdom's XML parser (the package has no types of its own here). */
const { JSDOM } = createRequire(import.meta.url)('jsdom') as { JSDOM: new (html: string) => { window: Window & typeof globalThis } };
const xml = new new JSDOM('').window.DOMParser();

function parse(svg: string): Document {
  // A document that is not well-formed comes back as a parsererror.
  const document = xml.parseFromString(svg, 'image/svg+xml');
  expect(document.getElementsByTagName('parsererror')).toHaveLength(0);
  return document;
}

/** What XML cannot hold, as the picture writes it (U+FFFD); a carriage return stays one. */
function xmlSafe(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );
}

/** Nothing in the document runs or loads: no script or foreign element, no event attribute, no link out. */
function expectInert(document: Document) {
  const all = [...document.getElementsByTagName('*')];
  const names = new Set(all.map((e) => e.localName));
  for (const bad of ['script', 'foreignObject', 'iframe', 'image', 'use', 'a', 'style']) expect(names.has(bad)).toBe(false);
  for (const element of all) {
    for (const attribute of [...element.attributes]) {
      expect(attribute.name).not.toMatch(/^on/i);
      expect(attribute.name).not.toMatch(/href$/i);
      expect(attribute.value).not.toMatch(/javascript:|https?:\/\/(?!www\.w3\.org\/2000\/svg$)/i);
    }
  }
}

const HOSTILE = [
  '<script>alert(1)</script>',
  '"/><image href="x" onerror="alert(1)"/>',
  "' onload='alert(1)",
  'javascript:alert(1)',
  ']]></metadata><script>alert(1)</script>',
  '&lt;b&gt; & &amp; &#60;',
  'a\r\nb\tc',
];

describe('svgNumber', () => {
  it('writes a coordinate as String(Math.round(value * 100) / 100) does, and never -0', () => {
    const reference = (value: number) => {
      const rounded = Math.round(value * 100) / 100;
      return Object.is(rounded, -0) ? '0' : String(rounded);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.integer().map((i) => i / 1000),
        ),
        (value) => {
          expect(svgNumber(value)).toBe(reference(value));
        },
      ),
      { numRuns: 20_000 },
    );
    for (const value of [0, -0, -0.004, 0.005, -0.005, 1.005, 2.675, 240.3, -79.3, 0.1 + 0.2, 1e21, -1e21])
      expect(svgNumber(value)).toBe(reference(value));
  });
});

describe('the exported SVG', () => {
  it.each(HOSTILE)('keeps the label %j a text node equal to it, and runs nothing', (label) => {
    const t = topology([node('gateway', 'gw-1', { label, host: 'gw.example.com' })]);
    const svg = topologySvg({ ...t, name: label });
    const document = parse(svg);
    expectInert(document);
    const texts = [...document.getElementsByTagName('text')];
    const labelText = texts.find((e) => e.getAttribute('font-weight') === '600');
    expect(labelText?.childNodes).toHaveLength(1);
    expect(labelText?.firstChild?.nodeType).toBe(3); // a text node
    expect(labelText?.textContent).toBe(label);
    expect(document.getElementsByTagName('title')[0]?.textContent).toBe(label);
    expect(document.getElementsByTagName('metadata')).toHaveLength(1);
  });

  it('is well-formed and inert for any topology with hostile labels, each label a text node', () => {
    fc.assert(
      fc.property(arbitraryTopology, hostileText, (t, name) => {
        const document = parse(topologySvg({ ...t, name }, { theme: 'dark' }));
        expectInert(document);
        const labels = [...document.getElementsByTagName('text')]
          .filter((e) => e.getAttribute('font-weight') === '600')
          .map((e) => e.textContent);
        expect(labels).toEqual(t.nodes.map((n) => xmlSafe(n.label)));
      }),
      { numRuns: 40 },
    );
  });

  it('is ASCII whatever the labels hold: other characters are character references that read back as they were', () => {
    const label = 'Passerelle à Zürich · 東京 🚀';
    const t = topology([node('gateway', 'gw-1', { label, host: 'gw.example.com' }), node('database', 'db')]);
    const svg = topologySvg({ ...t, name: label });
    expect(svg).toMatch(/^[\n\u0020-\u007e]*$/);
    expect(svg).toContain('&#x1f680;'); // one reference for the whole code point, not one per surrogate half
    const document = parse(svg);
    expect([...document.getElementsByTagName('text')].map((e) => e.textContent)).toContain(label);
    expect(document.getElementsByTagName('title')[0]?.textContent).toBe(label);
  });

  it('draws each node at its position with its kind, address and colour', () => {
    const t = loadExample('pattern-3-distributed');
    const document = parse(topologySvg(t));
    const cards = [...document.querySelectorAll('svg > g[transform]')];
    expect(cards.map((g) => g.getAttribute('transform'))).toEqual(t.nodes.map((n) => `translate(${n.x},${n.y})`));
    const gw = t.nodes.find((n) => n.kind === 'gateway');
    const card = cards[t.nodes.indexOf(gw ?? t.nodes[0]!)];
    const texts = [...(card?.getElementsByTagName('text') ?? [])].map((e) => e.textContent);
    expect(texts).toEqual([gw?.label, 'GATEWAY', gw && 'host' in gw && 'offset' in gw ? `${gw.host}:${gw.offset}` : '']);
    expect(card?.querySelector('rect[clip-path]')?.getAttribute('fill')).toBe(PICTURE_PALETTES.light.kinds.gateway);
  });

  it('puts an arrow on the links whose direction matters: a load balancer fronting, a node calling a cluster', () => {
    const t: Topology = topology(
      [
        node('load-balancer', 'cp-lb'),
        node('control-plane', 'cp-1', { y: 200 }),
        node('control-plane', 'cp-2', { x: 300, y: 200, host: 'cp2.example.com' }),
        node('gateway', 'gw-1', { y: 400 }),
      ],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['gw-1', 'cp-lb'],
        ['gw-1', 'cp-1'],
      ],
    );
    const document = parse(topologySvg(t));
    const lines = [...document.querySelectorAll('svg > g.links > path')];
    const captions = [...document.querySelectorAll('svg > g.captions > text')];
    expect(document.querySelectorAll('svg > g.captions > rect')).toHaveLength(lines.length);
    expect(lines.map((path, i) => [captions[i]?.textContent, path.hasAttribute('marker-end')])).toEqual([
      ['fronts', true],
      ['fronts', true],
      ['calls cluster', true],
      [expect.any(String), false],
    ]);
  });

  it("draws the links in the theme's colours: lines, caption boxes and captions, a refused link dashed in the error colour", () => {
    const t = topology(
      [node('gateway', 'gw-1'), node('database', 'db', { y: 200 }), node('gateway', 'gw-2', { y: 400 })],
      [
        ['gw-1', 'db'],
        ['gw-1', 'gw-2'],
      ],
    );
    for (const theme of ['light', 'dark'] as const) {
      const palette = PICTURE_PALETTES[theme];
      const document = parse(topologySvg(t, { theme }));
      expect(document.querySelector('svg > g.links')?.getAttribute('stroke')).toBe(palette.edge);
      expect([...document.querySelectorAll('svg > g.captions > rect')].map((r) => r.getAttribute('fill'))).toEqual([
        palette.canvas,
        palette.canvas,
      ]);
      expect(document.querySelector('svg > g.captions')?.getAttribute('fill')).toBe(palette.fg);
      const lines = [...document.querySelectorAll('svg > g.links > path')];
      expect(lines.map((p) => [p.getAttribute('stroke'), p.getAttribute('stroke-dasharray')])).toEqual([
        [null, null],
        [palette.error, '5 4'],
      ]);
      expect(document.querySelectorAll('svg > g.captions > text')[1]?.textContent).toBe('not allowed');
    }
  });

  it('has no background when transparent, and the canvas colour otherwise', () => {
    const t = loadExample('single-cp-gw');
    const background = (svg: string) => parse(svg).querySelector('svg > rect')?.getAttribute('fill');
    expect(background(topologySvg(t))).toBe('#ffffff');
    expect(background(topologySvg(t, { theme: 'dark' }))).toBe('#141414');
    expect(background(topologySvg(t, { transparent: true }))).toBeUndefined();
  });

  it('is the same text for the same topology', () => {
    const t = loadExample('seed-sample');
    expect(topologySvg(t)).toBe(topologySvg(structuredClone(t)));
  });

  it('of an empty topology is a small, valid picture', () => {
    const document = parse(topologySvg(topology([])));
    expect(document.documentElement.getAttribute('viewBox')).toBe('-24 -24 208 104');
  });

  it("uses the page's colours (app.css) in both themes", () => {
    const css = readFileSync(new URL('../../src/ui/app.css', import.meta.url), 'utf8');
    const [light = '', dark = ''] = css.split('@media (prefers-color-scheme: dark)');
    const value = (block: string, name: string) => new RegExp(`--${name}: (#[0-9a-f]{6});`).exec(block)?.[1];
    for (const [theme, block] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      const palette = PICTURE_PALETTES[theme];
      expect(value(block, 'bg')).toBe(palette.card);
      expect(value(block, 'fg')).toBe(palette.fg);
      expect(value(block, 'soft')).toBe(palette.soft);
      expect(value(block, 'line')).toBe(palette.line);
      expect(value(block, 'edge')).toBe(palette.edge);
      expect(value(block, 'error')).toBe(palette.error);
      for (const kind of NODE_KINDS) expect(value(block, kind), `${theme} ${KIND_NAMES[kind]}`).toBe(palette.kinds[kind]);
    }
  });

  it.each(NODE_KINDS)('writes the address of a %s as the canvas shows it (nodeAddress, which both draw)', (kind) => {
    const n = newNode(kind, 'n-1');
    const texts = [...parse(topologySvg(topology([n]))).getElementsByTagName('text')].map((t) => t.textContent);
    expect(texts).toContain(nodeAddress(n));
  });
});
