// <risk-sensible-meeting>: a small custom element over `mount`, for hosts that prefer an
// element to a function. It renders inside a shadow root so host CSS cannot break the
// widget and the widget's CSS cannot break the host.
//
//   <script type="module" src="risk-sensible-element.js"></script>
//   <risk-sensible-meeting></risk-sensible-meeting>
//   element.options = { storageKey: "meeting-123" };   // any mount option
//   element.record = savedRecord;                        // load; throws like widget.load
//   element.record                                       // the current record
//   element.appendFollowUp(followUp);                    // after the meeting
//   element.acknowledge();                               // the host stored it
//
// It dispatches the same events as `mount` (risk-sensible:change, :finalise, :amend,
// :follow-up, :error);
// they are composed, so they reach listeners on the element.
import init, { mount } from "./pkg/risk_sensible.js";

const ready = init();
const stylesheets = ["element.css", "risk-sensible.css"].map(
  (name) => new URL(name, import.meta.url).href,
);

class RiskSensibleMeeting extends HTMLElement {
  #options = {};
  #record = undefined;
  #widget = null;
  #container;
  #mounting = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    for (const href of stylesheets) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      root.append(link);
    }
    this.#container = document.createElement("div");
    root.append(this.#container);
  }

  /** The mount options (a plain object); setting them remounts the widget. */
  get options() {
    return { ...this.#options };
  }

  set options(value) {
    this.#options = { ...(value ?? {}) };
    if (this.isConnected) this.#remount();
  }

  /** The current decision record. */
  get record() {
    return this.#widget && !this.#widget.sharedScreen ? this.#widget.record() : this.#record;
  }

  /** Loads a record; throws an Error listing every problem and changes nothing. */
  set record(value) {
    if (this.#widget) {
      this.#widget.load(value);
    } else {
      this.#record = value;
    }
  }

  /** Appends a follow-up to the final record; throws an Error listing every problem. */
  appendFollowUp(followUp) {
    this.#widget?.appendFollowUp(followUp);
  }

  /** The host confirms it has stored the current record. */
  acknowledge() {
    this.#widget?.acknowledge();
  }

  connectedCallback() {
    this.#remount();
  }

  disconnectedCallback() {
    this.#widget?.destroy();
    this.#widget = null;
  }

  async #remount() {
    const token = {};
    this.#mounting = token;
    await ready;
    if (this.#mounting !== token || !this.isConnected) return;
    const record = this.#widget && !this.#widget.sharedScreen ? this.#widget.record() : this.#record;
    this.#widget?.destroy();
    this.#widget = null;
    const options = { ...this.#options };
    if (record !== undefined) options.record = record;
    try {
      this.#widget = mount(this.#container, options);
    } catch (error) {
      this.dispatchEvent(
        new CustomEvent("risk-sensible:error", {
          bubbles: true,
          composed: true,
          detail: { message: error.message },
        }),
      );
    }
  }
}

if (!customElements.get("risk-sensible-meeting")) {
  customElements.define("risk-sensible-meeting", RiskSensibleMeeting);
}

export { RiskSensibleMeeting };
