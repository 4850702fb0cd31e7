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

/** What happened after the meeting, appended to a final record (the schema's `FollowUp`).
 * `at` is replaced by the time it is appended. */
export interface FollowUp {
  by: Actor;
  at: string;
  kind: "enquiryOutcome" | "conferenceHeld" | "medicalFindings" | "actionCompleted" | "reReferral"
    | "seriousIncident" | "panelNotified";
  /** When it happened (YYYY-MM-DD). */
  on?: string;
  /** The enquiry's outcome: its Standard Safeguarding Dataset code. */
  outcome?: "icpc" | "otherAgencyToMonitor" | "nfaContinueAssessment" | "legalAction"
    | "s17Services" | "s17ShortBreaks" | "noFurtherAction" | "other";
  /** The conference: whether the child became subject to a plan. */
  plan?: "yes" | "no" | "unknown";
  categories?: ("physical" | "emotional" | "sexual" | "neglect")[];
  /** The action completed (`x1`, …). */
  actionId?: string;
  /** A death or serious harm: abuse or neglect known or suspected (then the Panel is notified). */
  abuseSuspected?: "yes" | "no" | "unknown";
  details?: string;
  restrictions?: unknown;
}

/** Someone invited to the meeting; `name` and `agency` are required. */
export interface Invitation {
  name: string;
  role?: string;
  agency: string;
  /** Can this person commit their agency to a decision? */
  decisionAuthority?: "yes" | "no" | "unknown";
}

export type AgencyRole = "childrensSocialCare" | "police" | "health" | "education" | "other";

/** Every key is optional; an unknown key or a wrong type makes `mount` throw. */
export interface MountOptions {
  /** A record to open (checked like `load`). */
  record?: DecisionRecord;
  /**
   * Autosave drafts in this browser under this key, one key per meeting. A key ending in
   * ":debrief" or ":journal" is refused: the meeting under the rest of it keeps its wellbeing
   * debrief, or the latest changes to its draft, there.
   */
  storageKey?: string;
  /**
   * Seal every draft with this AES-256-GCM key: 32 random bytes, base64. Give each signed-in
   * person their own key from your server; never store it in localStorage or a URL. A draft
   * sealed with another key, or changed, is refused and left in place. Needs `storageKey`.
   */
  draftKey?: string;
  /** Delete drafts older than this many minutes (at least 1) on mount. Needs `storageKey`. */
  draftMaxAgeMinutes?: number;
  actor?: Actor;
  /** The agencies participants can be chosen from. */
  agencies?: string[];
  decisionTypes?: DecisionType[];
  /** Bank holidays (YYYY-MM-DD) for the working-day clocks; replaces England and Wales. */
  holidays?: string[];
  /**
   * Your local timescales, each optional (1 to 250 working days; 1 to 40 weeks): the
   * defaults are a strategy discussion 1 working day after the concern arose, the initial
   * child protection conference 15 after the strategy discussion, the assessment 45 after the
   * concern, the record to attendees 1 after the meeting, and a pre-birth conference 10
   * weeks before the expected date.
   */
  timescales?: Timescales;
  procedure?: { name: string; version?: string };
  /**
   * What each of your agencies is, by the name you give it, for who may receive restricted
   * material: `{"Thames Valley Police": "police"}`. "Children's social care", "Police",
   * "Health" and "Education" are known already; an agency not named is `other`.
   */
  agencyRoles?: Record<string, AgencyRole>;
  /**
   * The people invited, from your diary (at most 500). The chair marks each present, sent
   * apologies or sent information with one key; only those marked enter the record.
   */
  participants?: Invitation[];
  chairMode?: boolean;
  /** Mask restricted items on a shared screen until revealed (default true). */
  screenSafe?: boolean;
  readOnly?: boolean;
}

/** After `destroy()`, `record`, `load`, `appendFollowUp` and `acknowledge` throw an Error ("risk-sensible:
 * this widget was destroyed") and nothing is written or fired. */
export interface WidgetHandle {
  /**
   * True in the shared screen's window (opened from the chair's with "Open the shared
   * screen"), which shows what the chair's window sends and holds no record of its own.
   */
  readonly sharedScreen: boolean;
  /** The current record, a plain JSON-compatible object. Throws in the shared screen's
   * window. */
  record(): DecisionRecord;
  /**
   * Replaces the record; throws an Error listing every problem and changes nothing. From a
   * change listener, the record is loaded at once and its change event follows the one
   * being dispatched: the widget ends on the last record loaded.
   */
  load(record: DecisionRecord): void;
  /** Appends a follow-up to the final record; throws an Error listing every problem and
   * changes nothing when it is refused (a draft, a follow-up lacking what its kind asks
   * for, the shared screen's window). */
  appendFollowUp(followUp: FollowUp): void;
  /** The host has stored the record as it is now: the browser's draft is removed. */
  acknowledge(): void;
  /** Unmounts the widget, releases everything it holds and frees the element for another
   * widget. Calling it again does nothing. */
  destroy(): void;
}

/** Throws when an option is wrong, the record is refused, or `element` already holds a
 * widget (destroy that one first). */
export function mount(element: Element, options?: MountOptions): WidgetHandle;
export default function init(): Promise<unknown>;

export interface RecordEventDetail {
  record: DecisionRecord;
}

/** The finalise, amend and follow-up events also give the record's anchor: the hash at the head of its
 * audit trail, for the host to keep and check the record against (`risk-sensible verify
 * FILE --anchor HEX`). */
export interface AnchorEventDetail extends RecordEventDetail {
  anchor: string;
}

/** The professionals' wellbeing debrief: a document of its own, never in the record
 * (schema/wellbeing-debrief.schema.json). It names no one. */
export interface WellbeingDebrief {
  document: "wellbeingDebrief";
  version: 1;
  id: string;
  heldOn?: string;
  offered: "yes" | "no" | "unknown";
  people?: { agency: string; offered: "yes" | "no" | "unknown"; takenUp: "yes" | "no" | "unknown" }[];
  notes: string;
}

export interface WellbeingEventDetail {
  debrief: WellbeingDebrief;
}

export interface ErrorEventDetail {
  message: string;
  record?: DecisionRecord;
}

declare global {
  interface HTMLElementEventMap {
    "risk-sensible:change": CustomEvent<RecordEventDetail>;
    "risk-sensible:finalise": CustomEvent<AnchorEventDetail>;
    "risk-sensible:amend": CustomEvent<AnchorEventDetail>;
    "risk-sensible:follow-up": CustomEvent<AnchorEventDetail>;
    "risk-sensible:wellbeing": CustomEvent<WellbeingEventDetail>;
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
  appendFollowUp(followUp: FollowUp): void;
  acknowledge(): void;
}

/** Local timescales in working days (1 to 250), and weeks (1 to 40) for the pre-birth conference. */
export interface Timescales {
  strategyDiscussion?: number;
  icpc?: number;
  assessment?: number;
  distribution?: number;
  preBirthWeeks?: number;
}
