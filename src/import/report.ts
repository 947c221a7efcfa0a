/** What an import says about itself: each entry names the node (or file) and what happened. */
export interface ImportNote {
  /** The node id, file path or setting the note is about. */
  subject: string;
  message: string;
}

export interface ImportReport {
  /** What was read as it stands in the files. */
  recognized: ImportNote[];
  /** What the files did not say outright, and why the importer chose what it did. */
  guessed: ImportNote[];
  /** Files that disagree (two gateways on different Key Managers, two passwords for one database). */
  conflicts: ImportNote[];
  /**
   * Keys the designer writes with another value than the file (a URL through a load balancer instead of a Service
   * name, useSSL=true): what regenerating changes. The topology's value is the designer's.
   */
  rewritten: ImportNote[];
  /** Keys the designer does not model, kept as the node's custom TOML. */
  unplaced: ImportNote[];
  /** Files that were not read, and why. */
  skipped: ImportNote[];
}

export function emptyReport(): ImportReport {
  return { recognized: [], guessed: [], conflicts: [], rewritten: [], unplaced: [], skipped: [] };
}

const SECTIONS: [keyof ImportReport, string][] = [
  ['recognized', 'Recognized'],
  ['guessed', 'Guessed'],
  ['conflicts', 'Conflicts'],
  ['rewritten', 'Written differently on regeneration'],
  ['unplaced', 'Kept as custom TOML (not modelled)'],
  ['skipped', 'Skipped'],
];

/** The report as text, one section per kind of note, each line naming its subject. */
export function formatReport(report: ImportReport): string {
  return SECTIONS.filter(([key]) => report[key].length > 0)
    .map(([key, title]) => `${title} (${report[key].length}):\n${report[key].map((n) => `  ${n.subject}: ${n.message}`).join('\n')}\n`)
    .join('\n');
}
