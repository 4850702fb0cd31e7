// Type declarations for hosts showing the Risk Sensible caseload view. The module
// `risk_sensible_caseload.js` (built by wasm-bindgen, its own WebAssembly module: a page
// with the meeting widget loads none of it) exports `init` (default) and `mountCaseload`.
// Its page links the stylesheet `risk-sensible-caseload.css` after `risk-sensible.css`.
import type { DecisionRecord, Timescales } from "./risk-sensible";

/** Loads the caseload's WebAssembly module; call once before `mountCaseload`. */
export default function init(): Promise<unknown>;

/** Options of `mountCaseload`; every key but `records` is optional. */
export interface CaseloadOptions {
  /** The team's decision records (plain objects); each passes the import checks or is listed and left out. */
  records?: DecisionRecord[];
  /** The day the analysis is for, `YYYY-MM-DD` (default: today in the browser's time zone). */
  asOf?: string;
  /** A statutory clock due within this many working days is a hot spot (default 5). */
  dueWithin?: number;
  /** Counts from 1 to N-1 in the themes are shown as `<N` (default 5; 0 turns it off). */
  suppressBelow?: number;
  /** Bank holidays, `YYYY-MM-DD` (replaces England and Wales). */
  holidays?: string[];
  /** The local timescales, as `mount` takes them. */
  timescales?: Timescales;
  /** List every record rather than each child's most recent one. */
  everyRecord?: boolean;
  /** Also check each record's digests and audit chain. */
  verify?: boolean;
}

/** A mounted caseload view. */
export interface CaseloadHandle {
  /** The analysis: the same JSON as `risk-sensible summarise --format json`. */
  summary(): unknown;
  /** Unmounts the view. Calling it twice is harmless. */
  destroy(): void;
}

/** Mounts the caseload view (hot spots, then the partnership's themes) into `element`;
 * throws when `element` already holds a widget. */
export function mountCaseload(element: Element, options?: CaseloadOptions): CaseloadHandle;

export interface OpenRecordEventDetail {
  /** `meta.id` of the record to open. */
  recordId: string;
}

declare global {
  interface HTMLElementEventMap {
    "risk-sensible:open-record": CustomEvent<OpenRecordEventDetail>;
  }
}
