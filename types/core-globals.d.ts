// The platform globals the pure core may use: those that browsers, Web Workers and Node (18 and later)
// all have, declared as the core uses them. Only tsconfig.core.json reads this file; the page's build
// has the DOM's own declarations.
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
