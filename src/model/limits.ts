/**
 * How long a topology's texts and lists may be: one set of limits, which the schema applies to every
 * file, link and autosave it reads, and the inspector applies as a person types, so anything the page
 * accepts survives a reload, a Save and Open, a link and the CLI.
 */
export const LIMITS = {
  /** Most single-line texts: labels, names, user names, passwords, file names, JWT settings. */
  text: 200,
  /** A gateway environment's name (it becomes a label on every gateway that serves it). */
  environmentName: 100,
  /** An environment's description, the analytics endpoint and token. */
  longText: 500,
  /** CORS allowed origins: a comma-separated list of origins in one value. */
  origins: 2000,
  /** The TOML a person adds to one node's or cluster's files (`customToml`): room for a tuned deployment.toml. */
  customToml: 100_000,
  /** Items in one list (labels, CORS methods and headers, skip lists, policies). */
  listItems: 500,
  /** Gateway environments in one topology. */
  environments: 50,
  /** How far from the origin a node may sit on the canvas (px), either way. */
  position: 1_000_000,
} as const;

/** "is 225 characters long; at most 200 are allowed", or undefined when `text` fits. */
export function tooLong(text: string, max: number): string | undefined {
  return text.length > max ? `is ${text.length} characters long; at most ${max} are allowed` : undefined;
}
