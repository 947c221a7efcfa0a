/**
 * Exporting the diagram as a picture: the SVG from the core (generate/svg.ts, loaded on first use), or a PNG drawn
 * from it at twice the size (for sharp text on high-density screens and in documents), carrying the topology in a
 * tEXt chunk (share/image.ts). Either opens again in the designer.
 */
import type { Topology } from '../model/index.ts';
import { loadPictureReader, loadPictureWriter } from './lazy.ts';

export type PictureFormat = 'svg' | 'png';

export interface PictureChoice {
  format: PictureFormat;
  theme: 'light' | 'dark';
  transparent: boolean;
}

/** The PNG's scale: twice the canvas's pixels, as a device pixel ratio of 2. */
const PNG_SCALE = 2;
/** What browsers draw on one canvas: at most 16,384 pixels a side and about 268 million in all (Chromium, Firefox). */
const MAX_SIDE = 16_384;
const MAX_AREA = 120_000_000;

/** The scale a picture of `width` × `height` is drawn at: PNG_SCALE, or less when the canvas would be too big. */
export function pngScale(width: number, height: number): number {
  return Math.min(PNG_SCALE, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height)));
}

/** The picture of the topology as a file to save: `topology.svg` or `topology.png`. */
export async function pictureFile(topology: Topology, choice: PictureChoice): Promise<{ blob: Blob; name: string }> {
  const { topologySvg } = await loadPictureWriter();
  const svg = topologySvg(topology, { theme: choice.theme, transparent: choice.transparent });
  const svgBlob = new Blob([svg], { type: 'image/svg+xml' });
  if (choice.format === 'svg') return { blob: svgBlob, name: 'topology.svg' };
  const [png, { pngWithTopology }] = await Promise.all([rasterize(svgBlob), loadPictureReader()]);
  return { blob: new Blob([pngWithTopology(png, topology) as BlobPart], { type: 'image/png' }), name: 'topology.png' };
}

/** The SVG drawn on a canvas by the browser, as PNG bytes. */
async function rasterize(svg: Blob): Promise<Uint8Array> {
  const url = URL.createObjectURL(svg);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = pngScale(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the browser could not make the PNG (the diagram may be too large: export SVG instead)');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
