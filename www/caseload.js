// The caseload demo page's loader: generates invented decision records in the page (2,000 by
// default, or ?n=COUNT), mounts the caseload view, and shows what a host does with the
// open-record event. It must be an external file: the page's Content-Security-Policy
// (script-src 'self') refuses inline scripts.
//
// The records are drafts dated January to March 2026, so the page pins the as-of date to
// 16 March 2026 (?asOf=YYYY-MM-DD to change it). Everyone in them is invented: names are
// drawn from short lists, case references are NS-3xxxxx.
import init, { mountCaseload } from "./pkg/risk_sensible_caseload.js";

/** A small seeded generator (mulberry32), so the same page shows the same records. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Aisha", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack",
  "Kemi", "Leo", "Maya", "Noah", "Olive", "Priya", "Ruby", "Sam", "Tia", "Umar", "Zara"];
const SURNAMES = ["Ashworth", "Bennett", "Carter", "Dlamini", "Evans", "Fraser", "Gill", "Hughes",
  "Iqbal", "Khan", "Lowe", "Mensah", "Nowak", "Patel", "Reid", "Shaw", "Turner"];
const WORKERS = [
  ["Amara Okafor", "Team manager", "Children's social care"],
  ["Ruth Adeyemi", "Social worker", "Children's social care"],
  ["Dan Whitlock", "Social worker", "Children's social care"],
  ["Tom Reyes", "Detective sergeant", "Police"],
  ["Lena Brook", "Detective constable", "Police"],
  ["Priya Nandra", "Health visitor", "Health"],
  ["Dr Owen Marsh", "Named GP", "Health"],
  ["Kate Lindqvist", "Nursery manager", "Education"],
  ["Joel Ames", "Designated safeguarding lead", "Education"],
  ["Mo Farrant", "Family support worker", "Early help"],
];
const TASKS = ["Arrange the child protection medical", "Joint visit to see both parents",
  "Police checks on the adults in the household", "Health visitor to visit within 48 hours",
  "Speak with the nursery about attendance", "Complete the child and family assessment",
  "Share the safety plan with the family", "See the child alone at school"];
const RISKS = ["Further injury while the explanation is unknown", "Conflict between the adults escalating",
  "Missed health appointments", "Unsafe sleeping arrangements"];

function addDays(date, days) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** Invented draft records in the current format, deterministic for a count and seed. */
export function generateCaseload(count, seed = 1) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (percent) => next() * 100 < percent;
  const records = [];
  for (let index = 0; index < count; index += 1) {
    // About one record in twelve is a later discussion about an earlier child.
    const review = index > 10 && chance(8);
    const child = review ? Math.floor(next() * index) : index;
    const identity = random(child + 7919);
    const childName = `${FIRST[Math.floor(identity() * FIRST.length)]} ${SURNAMES[Math.floor(identity() * SURNAMES.length)]}`;
    const baby = identity() < 0.25;
    const born = baby ? addDays("2026-01-01", -Math.floor(identity() * 200)) : addDays("2020-01-01", -Math.floor(identity() * 4000));
    let meeting = addDays("2026-01-05", Math.floor(next() * 68));
    while ([0, 6].includes(new Date(`${meeting}T00:00:00Z`).getUTCDay())) meeting = addDays(meeting, 1);
    const team = [WORKERS[0], pick(WORKERS.slice(1, 3)), pick(WORKERS.slice(3, 5)), pick(WORKERS.slice(5, 7))];
    if (chance(50)) team.push(pick(WORKERS.slice(7)));
    const participants = team.map(([name, role, agency], position) => ({
      id: `p${position + 1}`,
      name,
      role,
      agency,
      attendance: position < 2 || chance(80) ? "attended" : pick(["apologies", "sentInformation"]),
      decisionAuthority: chance(90) ? "yes" : "unknown",
    }));
    const owner = () => `p${1 + Math.floor(next() * participants.length)}`;
    const subjects = [{
      id: "s1",
      role: "child",
      name: childName,
      caseReference: `NS-${300000 + child}`,
      dateOfBirth: born,
      mobility: baby ? (chance(85) ? "preMobile" : "unknown") : "mobile",
      livesWithChild: "yes",
    }, {
      id: "s2",
      role: "mother",
      name: `${pick(["Amy", "Jade", "Gemma", "Lauren", "Megan"])} ${pick(SURNAMES)}`,
      livesWithChild: "yes",
    }];
    if (chance(65)) {
      subjects.push({ id: "s3", role: "father", name: chance(75) ? `${pick(["Adam", "Liam", "Omar", "Ryan"])} ${pick(SURNAMES)}` : "Not known" });
    }
    const s47 = chance(60);
    const decisions = [{
      id: "d1",
      decisionType: s47 ? pick(["s47Joint", "s47SingleAgency"]) : pick(["s17", "noFurtherAction"]),
      owningAgency: "Children's social care",
      decisionMakerId: "p1",
      rationale: "Invented rationale for the demonstration.",
      ...(s47 && chance(60) ? { outcomeCode: pick(["icpc", "icpc", "nfaContinueAssessment", "s17Services", "noFurtherAction"]) } : {}),
    }];
    const scales = participants
      .filter((participant) => participant.attendance === "attended" && chance(80))
      .map((participant) => ({ participantId: participant.id, score: 2 + Math.floor(next() * 6), reason: "" }));
    const actions = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, position) => ({
      id: `x${position + 1}`,
      task: pick(TASKS),
      ownerId: owner(),
      due: addDays(meeting, 1 + Math.floor(next() * 20)),
      status: pick(["notStarted", "inProgress", "done", "done"]),
    }));
    const risks = Array.from({ length: Math.floor(next() * 3) }, (_, position) => ({
      id: `r${position + 1}`,
      description: pick(RISKS),
      ownerId: owner(),
      reviewDate: addDays(meeting, 7 + Math.floor(next() * 30)),
      restrictions: chance(15) ? ["policeSensitive"] : [],
    }));
    const dissent = chance(15) ? [{
      id: "v1",
      participantId: owner(),
      view: "I do not agree the threshold is met.",
      chairResponse: "Noted.",
      escalation: chance(40) ? pick(["lineManager", "seniorManager"]) : "none",
      resolution: chance(50) ? "Agreed after discussion." : "",
    }] : [];
    records.push({
      schemaVersion: 3,
      meta: { id: `demo-${String(index).padStart(5, "0")}`, createdAt: `${meeting}T09:00:00Z`, status: "draft" },
      meeting: {
        meetingType: review ? "review" : pick(["strategyDiscussion", "strategyMeeting"]),
        mode: pick(["inPerson", "video", "phone", "hybrid"]),
        date: meeting,
        startTime: "10:00",
        reason: "Concerns reported by a professional (invented).",
        chairId: "p1",
      },
      subjects,
      participants,
      scales,
      assessment: { scaleDiscussion: chance(50) ? "Discussed the difference in views." : "" },
      decisions,
      risks,
      actions,
      dissent,
      timescales: {
        ...(review ? { s47StartedOn: addDays(meeting, -14) } : {}),
        assessmentDue: addDays(meeting, 30 + Math.floor(next() * 40)),
      },
    });
  }
  return records;
}

await init();
const params = new URLSearchParams(window.location.search);
const count = Math.min(Math.max(Number(params.get("n") || 2000), 0), 20000);
const asOf = params.get("asOf") || "2026-03-16";
const records = generateCaseload(count);
const element = document.getElementById("caseload");
const caseload = mountCaseload(element, { records, asOf });

// What a host does with the event: open the record in its own case system. Here the page
// only says which record it would open.
const status = document.getElementById("host-status");
element.addEventListener("risk-sensible:open-record", (event) => {
  status.textContent = `Opening record ${event.detail.recordId} in the case system.`;
});

// Exposed for the end-to-end tests and for developers poking at the demo.
window.riskSensibleCaseload = { caseload, mountCaseload, generateCaseload, records };
