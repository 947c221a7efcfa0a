/**
 * The generation core in a Web Worker (see generation.ts): a topology in, its files and diagnostics
 * out. A generator that throws answers with its message, so the page can say so and offer Retry.
 */
import { generateBundle } from '../generate/index.ts';
import { encodeLink } from '../share/index.ts';
import type { GenerationReply, GenerationRequest } from './generation.ts';

self.onmessage = (event: MessageEvent<GenerationRequest>) => {
  const { id, topology, base } = event.data;
  let reply: GenerationReply;
  try {
    reply = { id, bundle: generateBundle(topology, { shareLink: encodeLink(topology, base) }) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
