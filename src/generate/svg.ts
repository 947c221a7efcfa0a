/**
 * The diagram as an SVG picture, drawn as the canvas draws it (ui/canvas: TopologyNodeView, FloatingEdge, app.css):
 * each node a card at its position with its kind's colour bar and icon, its label, kind and address; each link a
 * curve between the sides that face each other, captioned with what it configures, with an arrow where its direction
 * means something (a load balancer fronts a cluster; a node calls the cluster behind one).
 *
 * The picture carries its topology, without its private secrets as a share link (a picture ends up in documents): the
 * document (serializeTopology, in ASCII) is the text of a
 * `<metadata id="apim-topology">` element, so opening the picture in the designer, or giving it to the CLI, restores
 * the topology (share/image.ts). Pure and deterministic: no DOM, no clock; text sizes are estimated from character
 * counts, as no font can be measured here. All text from the topology is escaped, so a label stays text.
 */
import type { Topology, TopologyNode } from '../model/index.ts';
import {
  ICON_PATHS,
  KINDS,
  KIND_NAMES,
  PICTURE_KEYWORD,
  asciiJson,
  buildGraph,
  linkCaption,
  linkVerdict,
  nodeAddress,
  serializeTopologyPieces,
  withoutSecrets,
} from '../model/index.ts';
import type { NodeKind, TopologyGraph } from '../model/index.ts';
import { LineWriter, PIECE_CHARS, linePieces, pieced } from './pieces.ts';
import type { PiecedText } from './pieces.ts';

export type PictureTheme = 'light' | 'dark';

export interface PictureOptions {
  /** The page's light or dark colours. Default: light. */
  theme?: PictureTheme;
  /** No background: the document's own shows through. Default: the canvas's background. */
  transparent?: boolean;
}

interface Palette {
  canvas: string;
  card: string;
  line: string;
  fg: string;
  soft: string;
  edge: string;
  error: string;
  kinds: Record<NodeKind, string>;
}

/**
 * The page's colours (ui/app.css, `:root` and its dark variant; a test keeps the two the same) and React Flow's canvas
 * and edge-label backgrounds (@xyflow/react style.css: white, and #141414 in its dark mode).
 */
export const PICTURE_PALETTES: Record<PictureTheme, Palette> = {
  light: {
    canvas: '#ffffff',
    card: '#ffffff',
    line: '#d9dde5',
    fg: '#1d2330',
    soft: '#5b6475',
    edge: '#6b7385',
    error: '#c62828',
    kinds: {
      gateway: '#2e7d32',
      'control-plane': '#1565c0',
      'traffic-manager': '#6a1b9a',
      'key-manager': '#9e6a00',
      'all-in-one': '#37474f',
      'load-balancer': '#00838f',
      database: '#6d4c41',
      redis: '#ad1457',
      'identity-server': '#c2410c',
    },
  },
  dark: {
    canvas: '#141414',
    card: '#12161d',
    line: '#2c3442',
    fg: '#e4e8f0',
    soft: '#9aa3b5',
    edge: '#8d96aa',
    error: '#ff6b6b',
    kinds: {
      gateway: '#66bb6a',
      'control-plane': '#64b5f6',
      'traffic-manager': '#ce93d8',
      'key-manager': '#ffcc66',
      'all-in-one': '#b0bec5',
      'load-balancer': '#4dd0e1',
      database: '#bcaaa4',
      redis: '#f48fb1',
      'identity-server': '#fdba74',
    },
  },
};

/** The card's measures in pixels, from app.css (`.topology-node` at the page's 14px rem, its 12px text). */
const CARD = {
  height: 56,
  minWidth: 160,
  /** The 4px colour bar, the 0.6rem padding, the 20px icon and the 0.5rem gap. */
  textX: 39.4,
  /** The 0.6rem padding and the 1px border on the right. */
  right: 9.4,
  labelMax: 180,
  radius: 8,
};
const MARGIN = 24;
const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";
const MONO = 'ui-monospace, monospace';

/** Text with nothing `xmlText` changes: printable ASCII. */
const PLAIN_TEXT = /^[\u0020-\u007e]*$/;

/**
 * Text for an XML text node: the five markup characters as entities, a carriage return as a reference (a parser would
 * turn a raw one into a line feed), each character XML 1.0 forbids (controls, a lone surrogate, U+FFFE, U+FFFF) as
 * U+FFFD, so any label makes a well-formed file, and every character past ASCII as a character reference (`·` is
 * `&#xb7;`), so the file is ASCII: the same picture, and a string half the size in memory while it is written.
 */
export function xmlText(text: string): string {
  if (PLAIN_TEXT.test(text) && !/[&<>"']/.test(text)) return text; // most labels, every host and caption: nothing to escape
  return (
    text
      .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
      .replace(/\r/g, '&#13;')
      .replace(
        // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are what it looks for
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
        '\ufffd',
      )
      // eslint-disable-next-line no-control-regex -- the range starts at NUL: everything up to `~` stays
      .replace(/[^\u0000-\u007e]/gu, (ch) => `&#x${(ch.codePointAt(0) ?? 0xfffd).toString(16)};`)
  );
}

/** A number for a coordinate: at most two decimals, no `-0`. */
export function svgNumber(value: number): string {
  // In hundredths, as integers: an integer's text is cheap (and cached) where a fraction's is not, and a picture of
  // 5,000 nodes writes some 100,000 coordinates. The same text as String(Math.round(value * 100) / 100).
  const hundredths = Math.round(value * 100);
  // Past 2³¹ hundredths (21 million px), where dividing is no longer exact in the last digit, as before.
  if (!(Math.abs(hundredths) < 2 ** 31)) return String(hundredths / 100);
  if (hundredths === 0) return '0';
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  return cents === 0
    ? `${sign}${whole}`
    : cents % 10 === 0
      ? `${sign}${whole}.${cents / 10}`
      : `${sign}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Estimated widths of text in the card's fonts (no font can be measured without a page): per character. */
function textWidth(text: string, perChar: number): number {
  return [...text].length * perChar;
}

interface Box {
  node: TopologyNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

function cardWidth(node: TopologyNode): number {
  const text = Math.max(
    Math.min(textWidth(node.label, 7), CARD.labelMax),
    textWidth(KIND_NAMES[node.kind], 7.2),
    textWidth(nodeAddress(node), 6.6),
  );
  return Math.max(CARD.minWidth, Math.ceil(CARD.textX + text + CARD.right));
}

type Side = 'left' | 'right' | 'top' | 'bottom';

/** The middle of the side of `a` that faces `b`, as FloatingEdge.tsx picks it. */
function anchor(a: Box, b: Box): [number, number, Side] {
  const acx = a.x + a.w / 2;
  const acy = a.y + a.h / 2;
  const dx = b.x + b.w / 2 - acx;
  const dy = b.y + b.h / 2 - acy;
  if (Math.abs(dy) <= (a.h + b.h) / 2) return dx > 0 ? [a.x + a.w, acy, 'right'] : [a.x, acy, 'left'];
  return dy > 0 ? [acx, a.y + a.h, 'bottom'] : [acx, a.y, 'top'];
}

/** React Flow's bezier control point (getBezierPath, curvature 0.25). */
function control(side: Side, x1: number, y1: number, x2: number, y2: number): [number, number] {
  const offset = (distance: number) => (distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance));
  switch (side) {
    case 'left':
      return [x1 - offset(x1 - x2), y1];
    case 'right':
      return [x1 + offset(x2 - x1), y1];
    case 'top':
      return [x1, y1 - offset(y1 - y2)];
    case 'bottom':
      return [x1, y1 + offset(y2 - y1)];
  }
}

/**
 * A link as a curve, and its caption on a box as React Flow draws an edge label (10px, padding 4 × 2, radius 3). Each
 * goes into a group that holds what every line or caption shares (stroke, font, colour), so a link is about half the
 * text it would be with its own attributes.
 */
function edgeSvg(
  from: Box,
  to: Box,
  caption: string,
  arrow: boolean,
  refused: boolean,
  palette: Palette,
): { line: string; caption: string } {
  const [sx, sy, sourceSide] = anchor(from, to);
  const [tx, ty, targetSide] = anchor(to, from);
  const [c1x, c1y] = control(sourceSide, sx, sy, tx, ty);
  const [c2x, c2y] = control(targetSide, tx, ty, sx, sy);
  const labelX = sx * 0.125 + c1x * 0.375 + c2x * 0.375 + tx * 0.125;
  const labelY = sy * 0.125 + c1y * 0.375 + c2y * 0.375 + ty * 0.125;
  const line =
    `<path d="M${svgNumber(sx)},${svgNumber(sy)} C${svgNumber(c1x)},${svgNumber(c1y)} ${svgNumber(c2x)},${svgNumber(c2y)} ${svgNumber(tx)},${svgNumber(ty)}"` +
    `${refused ? ` stroke="${palette.error}" stroke-dasharray="5 4"` : ''}${arrow ? ' marker-end="url(#apim-arrow)"' : ''}/>`;
  const width = textWidth(caption, 5.6) + 8;
  return {
    line,
    caption:
      `<rect x="${svgNumber(labelX - width / 2)}" y="${svgNumber(labelY - 8)}" width="${svgNumber(width)}" height="16" rx="3" fill="${palette.canvas}"/>` +
      `<text x="${svgNumber(labelX)}" y="${svgNumber(labelY + 3.5)}">${xmlText(caption)}</text>`,
  };
}

function nodeSvg(box: Box, palette: Palette): string {
  const { node, w } = box;
  const kind = palette.kinds[node.kind];
  const textWidthMax = w - CARD.textX - CARD.right;
  return (
    `<g transform="translate(${svgNumber(box.x)},${svgNumber(box.y)})">` +
    `<rect x="0.5" y="0.5" width="${svgNumber(w - 1)}" height="${CARD.height - 1}" rx="${CARD.radius - 0.5}" fill="${palette.card}" stroke="${palette.line}"/>` +
    `<rect width="4" height="${CARD.height}" fill="${kind}" clip-path="url(#apim-card-edge)"/>` +
    `<path transform="translate(12.4,18) scale(0.8333)" d="${ICON_PATHS[KINDS[node.kind].icon]}" fill="none" stroke="${kind}"` +
    ` stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>` +
    // A nested svg clips a long label at the card's edge, as the canvas cuts it off.
    `<svg x="${CARD.textX}" width="${svgNumber(textWidthMax)}" height="${CARD.height}">` +
    `<text y="18.4" font-size="12" font-weight="600" fill="${palette.fg}">${xmlText(node.label)}</text>` +
    `<text y="31.5" font-size="10" letter-spacing="0.4" fill="${palette.soft}">${xmlText(KIND_NAMES[node.kind].toUpperCase())}</text>` +
    `<text y="45" font-size="11" font-family="${MONO}" fill="${palette.fg}">${xmlText(nodeAddress(node))}</text>` +
    `</svg></g>`
  );
}

/**
 * The topology as an SVG document (UTF-8 text), carrying the topology in its metadata. A caller that has written the
 * topology's JSON already (`serializeTopology`, the bundle's topology.json) passes it as `json`: when the topology has
 * no secret to leave out, the picture carries that same text.
 */
export function topologySvg(
  topology: Topology,
  options: PictureOptions = {},
  graph: TopologyGraph = buildGraph(topology),
  json?: string,
): string {
  return topologySvgText(topology, options, graph, json === undefined ? undefined : [json]).content;
}

/** The picture in pieces (pieces.ts); `json`, when given, is serializeTopology's text in pieces. */
export function topologySvgText(
  topology: Topology,
  options: PictureOptions = {},
  graph: TopologyGraph = buildGraph(topology),
  json?: readonly string[],
): PiecedText {
  const palette = PICTURE_PALETTES[options.theme ?? 'light'];
  const boxes = new Map<string, Box>();
  for (const node of topology.nodes) {
    if (!boxes.has(node.id)) boxes.set(node.id, { node, x: node.x, y: node.y, w: cardWidth(node), h: CARD.height });
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const box of boxes.values()) {
    minX = Math.min(minX, box.x);
    minY = Math.min(minY, box.y);
    maxX = Math.max(maxX, box.x + box.w);
    maxY = Math.max(maxY, box.y + box.h);
  }
  if (boxes.size === 0) [minX, minY, maxX, maxY] = [0, 0, CARD.minWidth, CARD.height];
  const x0 = Math.floor(minX - MARGIN);
  const y0 = Math.floor(minY - MARGIN);
  const width = Math.ceil(maxX + MARGIN) - x0;
  const height = Math.ceil(maxY + MARGIN) - y0;

  // The parts are written into pieces as they are made (pieces.ts): a 5,000-node picture is some 35,000 lines, which
  // held whole until the end would each stay a rope of their parts, copied by every young-generation collection.
  const body = new LineWriter();
  body.push(
    '<defs>',
    `<clipPath id="apim-card-edge"><rect width="16" height="${CARD.height}" rx="${CARD.radius}"/></clipPath>`,
    `<marker id="apim-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">` +
      `<path d="M0,1 L9,5 L0,9 z" fill="${palette.edge}"/></marker>`,
    '</defs>',
  );
  if (!options.transparent) body.push(`<rect x="${x0}" y="${y0}" width="${width}" height="${height}" fill="${palette.canvas}"/>`);
  // The links' lines, then their captions above every line (the canvas draws edge labels above the edges too). Each
  // caption on its box, in link order: a later caption's box covers an earlier one where they meet.
  let captions: LineWriter | undefined;
  for (const link of topology.links) {
    const from = boxes.get(link.from);
    const to = boxes.get(link.to);
    if (!from || !to || from === to) continue;
    const verdict = linkVerdict(from.node, to.node, graph.frontedKind);
    const caption = verdict.ok ? linkCaption(verdict.link) : 'not allowed';
    const arrow = verdict.ok && (verdict.link.role === 'fronts' || verdict.link.role === 'calls-cluster');
    const edge = edgeSvg(from, to, caption, arrow, !verdict.ok, palette);
    if (!captions) {
      body.push(`<g class="links" fill="none" stroke="${palette.edge}" stroke-width="1.5">`);
      captions = new LineWriter();
      captions.push(`<g class="captions" font-size="10" text-anchor="middle" fill="${palette.fg}">`);
    }
    body.push(edge.line);
    captions.push(edge.caption);
  }
  if (captions) {
    body.push('</g>');
    captions.push('</g>');
  }
  const cards = new LineWriter();
  for (const box of boxes.values()) cards.push(nodeSvg(box, palette));
  cards.push('</svg>');
  // The topology as ASCII JSON with its markup characters as entities: nothing in it can close the element or start
  // markup, and no character in it is one XML forbids.
  // Each piece on its own: both escapes replace one character by characters of its own.
  const shared = withoutSecrets(topology);
  const carried = (shared === topology && json !== undefined ? json : serializeTopologyPieces(shared, PIECE_CHARS)).map((piece) => {
    const ascii = asciiJson(piece);
    return /[&<>]/.test(ascii) ? ascii.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;')) : ascii;
  });

  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${x0} ${y0} ${width} ${height}"` +
      ` font-family="${FONT}" role="img" aria-labelledby="apim-title">`,
    `<title id="apim-title">${xmlText(topology.name || 'Topology')}</title>`,
  ];
  return pieced([
    ...linePieces(head),
    `<metadata id="${PICTURE_KEYWORD}">`,
    ...carried,
    '</metadata>\n',
    ...body.text().pieces,
    ...(captions?.text().pieces ?? []),
    ...cards.text().pieces,
  ]);
}
