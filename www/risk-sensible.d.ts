// Type declarations for hosts embedding Risk Sensible. The module `risk_sensible.js`
// (built by wasm-bindgen) exports `init` (default) and `mount`; these declarations give
// the options, the handle and the events their precise types.

/** A decision record: see schema/decision-record.schema.json for every field. */
export interface DecisionRecord {
  schemaVersion: number;
  meta: {
    id: string;
    status: "draft" | "final" | "amended";
    createdAt: string;
    finalisedAt?: string;
    digest?: string;
    [key: string]: unknown;
  };
  [section: string]: unknown;
}

/** Who operates the widget; written into every audit entry. */
export interface Actor {
  name: string;
  role?: string;
  agency?: string;
}

export type DecisionType =
  | "s47SingleAgency" | "s47Joint" | "criminalInvestigation" | "s17" | "icpc"
  | "legalAdvice" | "medical" | "immediateProtection" | "noFurtherAction" | "other";

/** Every key is optional; an unknown key or a wrong type makes `mount` throw. */
export interface MountOptions {
  /** A record to open (checked like `load`). */
  record?: DecisionRecord;
  /** Autosave drafts in this browser under this key, one key per meeting. */
  storageKey?: string;
  actor?: Actor;
  /** The agencies participants can be chosen from. */
  agencies?: string[];
  decisionTypes?: DecisionType[];
  /** Bank holidays (YYYY-MM-DD) for the working-day clocks; replaces England and Wales. */
  holidays?: string[];
  procedure?: { name: string; version?: string };
  chairMode?: boolean;
  /** Mask restricted items on a shared screen until revealed (default true). */
  screenSafe?: boolean;
  readOnly?: boolean;
}

export interface WidgetHandle {
  /** The current record, a plain JSON-compatible object. */
  record(): DecisionRecord;
  /** Replaces the record; throws an Error listing every problem and changes nothing. */
  load(record: DecisionRecord): void;
  /** The host has stored the record as it is now: the browser's draft is removed. */
  acknowledge(): void;
  /** Unmounts the widget and releases everything it holds. */
  destroy(): void;
}

export function mount(element: Element, options?: MountOptions): WidgetHandle;
export default function init(): Promise<unknown>;

export interface RecordEventDetail {
  record: DecisionRecord;
}

export interface ErrorEventDetail {
  message: string;
  record?: DecisionRecord;
}

declare global {
  interface HTMLElementEventMap {
    "risk-sensible:change": CustomEvent<RecordEventDetail>;
    "risk-sensible:finalise": CustomEvent<RecordEventDetail>;
    "risk-sensible:error": CustomEvent<ErrorEventDetail>;
  }
  interface HTMLElementTagNameMap {
    "risk-sensible-meeting": RiskSensibleMeetingElement;
  }
}

/** The `<risk-sensible-meeting>` custom element (risk-sensible-element.js). */
export interface RiskSensibleMeetingElement extends HTMLElement {
  options: MountOptions;
  record: DecisionRecord | undefined;
  acknowledge(): void;
}
