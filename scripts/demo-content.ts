/**
 * The demo region's assessment text: plausible, varied by authority, written for this project.
 * Deterministic, so every fresh start shows the same demo.
 */
import type { RichTextDoc } from "../app/richtext/doc";

export function doc(...paragraphs: string[]): RichTextDoc {
  return {
    type: "doc",
    content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })),
  };
}

function pick<T>(list: readonly T[], seed: number): T {
  return list[((seed % list.length) + list.length) % list.length]!;
}

const STORY = [
  (n: string) => `${n} has had a year of steady change. Demand at the front door rose again, with more contacts about neglect and domestic abuse, but our conversion to assessment is now in line with statistical neighbours.`,
  (n: string) => `Our social work workforce is more stable than a year ago: agency use has fallen and our newly qualified social workers now stay with us beyond their first two years.`,
  (n: string) => `The budget position remains tight. Placement costs for a small number of children with complex needs account for a growing share of spend, and our sufficiency strategy is focused on bringing more of those children home to ${n}.`,
  (n: string) => `Ofsted's focused visit recognised the quality of direct work with children, and asked us to strengthen management oversight of plans that drift. Our improvement plan responds to that directly.`,
];

const PRACTICE = [
  "Leaders know their services well through a regular cycle of practice observation, audit and feedback from families.",
  "Audits show most plans are clear about what needs to change for the child; the weakest area remains timely review of plans for children in need.",
  "Children tell us they value having the same worker for longer. Our caseloads average 17 and no worker holds more than 22.",
  "Multi-agency partners attend strategy meetings reliably, and the partnership's own audit found information is shared quickly.",
  "Care leavers are well supported into education and work; the number in suitable accommodation has risen for the third year.",
  "Plans for the next year concentrate on quality assurance, timeliness of initial health assessments and stability for older children in care.",
  "Our SEND partnership has improved the timeliness of education, health and care plans, with more than three quarters now issued within 20 weeks.",
  "Attendance has improved across primary schools, though persistent absence among secondary pupils with SEN support remains a concern.",
  "Outcomes at the end of key stage 2 are close to the national picture; disadvantaged pupils still lag behind their peers.",
  "Post-16 participation is strong, and the proportion of young people not in education, employment or training is below the regional average.",
];

const STRENGTHS = [
  ["Stable, permanent workforce", "Agency social workers now fill fewer than one post in ten, and our academy has trained three cohorts."],
  ["Family help at the front door", "Families get the right help sooner: re-referrals within twelve months have fallen for two years running."],
  ["Care leavers in work and learning", "More of our care leavers are in education, employment or training than the England average."],
  ["Listening to children", "Our children in care council shaped the new placement matching process and co-delivers training."],
  ["Kinship carers supported early", "A dedicated kinship team assesses and supports family carers before orders are made."],
];

const PRIORITIES = [
  ["Timeliness of plans for children in need", "Too many plans drift without review; we will introduce a fortnightly oversight panel."],
  ["Sufficiency of local homes", "We will open two small children's homes and recruit 20 more foster carers."],
  ["SEND waiting times", "We will cut the wait for autism assessment by working with health partners on a single pathway."],
  ["Secondary attendance", "We will target persistent absence among pupils with SEN support."],
];

const OFFERS = [
  ["Kinship care assessment model", "Our kinship team's assessment framework and training pack.", ["kinship_care", "edge_of_care"]],
  ["Social work academy", "How we run our academy for newly qualified social workers, with materials.", ["workforce"]],
  ["Front door practice guide", "Threshold guidance and the daily multi-agency huddle format.", ["front_door", "early_help"]],
  ["Care leavers' local offer", "Co-produced local offer and the apprenticeship scheme with local employers.", ["care_leavers"]],
] as const;

const REQUESTS = [
  ["Peer audit of plans for children in need", "We would like peers to audit a sample of plans and their reviews.", "peer_audit", ["child_protection"]],
  ["Foster carer recruitment", "Mentoring from an authority that has grown its in-house fostering.", "mentoring", ["fostering", "placement_sufficiency"]],
  ["SEND quality assurance", "A diagnostic review of how we quality-assure education, health and care plans.", "diagnostic_review", ["send_quality_assurance"]],
  ["Reducing exclusions", "Shared practice on inclusion support for secondary schools.", "shared_practice", ["exclusions", "attendance"]],
] as const;

const AREAS = ["leadership", "performance", "outcomes", "voice", "commissioning", "resources", "partnership"] as const;
const RATINGS = ["good_practice", "improving_practice", "further_development", "priority_focus"] as const;
const DIRECTIONS = ["improving", "stable", "declining"] as const;

let idCounter = 0;
const id = (prefix: string) => `${prefix}-${(idCounter++).toString(36)}`;

/** Every authority-written section of a full, plausible self-assessment. */
export function demoAssessment(authorityName: string, seed: number, year: number): Record<string, Record<string, unknown>> {
  const paragraphs = (n: number, offset: number) => Array.from({ length: n }, (_, i) => pick(PRACTICE, seed + offset + i * 3));
  return {
    "1": {
      "1a": doc(...STORY.map((s) => s(authorityName))),
      "1b": [
        { id: id("row"), when: `${year - 1}-06`, activity: "Ofsted focused visit: children in need and child protection" },
        { id: id("row"), when: `${year - 1}-11`, activity: "Peer audit of early help plans with a neighbouring authority" },
        { id: id("row"), when: "due", activity: "Ofsted inspection of local authority children's services (ILACS)" },
      ],
      "1c": [
        { id: id("row"), statement: "Rate of children in need per 10,000", value: String(380 + (seed % 7) * 12), comparison: "higher", ourValue: 380 + (seed % 7) * 12, englandAverage: 334 },
        { id: id("row"), statement: "Children looked after per 10,000", value: String(95 + (seed % 5) * 9), comparison: "higher", ourValue: 95 + (seed % 5) * 9, englandAverage: 70 },
        { id: id("row"), statement: "Re-referrals within 12 months (%)", value: String(18 + (seed % 4)), comparison: "similar", ourValue: 18 + (seed % 4), englandAverage: 21 },
        { id: id("row"), statement: "EHC plans issued within 20 weeks (%)", value: String(55 + (seed % 6) * 5), comparison: "not_compared" },
      ],
      "1d": [0, 1, 2].map((i) => {
        const [title, body] = pick(STRENGTHS, seed + i);
        return { id: id("strength"), title, body: doc(body) };
      }),
      "1e": [0, 1, 2].map((i) => {
        const [title, body] = pick(PRIORITIES, seed + i);
        return { id: id("priority"), title, body: doc(body) };
      }),
      "1f": Object.fromEntries(
        AREAS.map((area, i) => [area, { rating: pick(RATINGS, seed + i * 2 + (year % 2)), direction: pick(DIRECTIONS, seed + i) }]),
      ),
    },
    "2": { "2a": doc(...paragraphs(2, 0)), "2b": doc(...paragraphs(2, 1)), "2c": doc(...paragraphs(2, 2)), "2d": doc(...paragraphs(1, 5)) },
    "3": { "3a": doc(...paragraphs(2, 6)), "3b": doc(...paragraphs(1, 7)), "3c": doc(...paragraphs(2, 8)), "3d": doc(...paragraphs(1, 5)) },
    "4": { "4a": doc(...paragraphs(2, 8)), "4b": doc(...paragraphs(1, 7)), "4c": doc(...paragraphs(1, 9)), "4d": doc(...paragraphs(1, 5)) },
    "6": {
      "6a": [0, 1].map((i) => {
        const [title, body, themes] = pick(OFFERS, seed + i);
        return { id: id("offer"), title, body: doc(body), themes: [...themes] };
      }),
      "6b": [0, 1].map((i) => {
        const [title, body, supportKind, themes] = pick(REQUESTS, seed + i * 2);
        return { id: id("request"), title, body: doc(body), supportKind, themes: [...themes] };
      }),
    },
  };
}

const KEY_POINTS: Array<[string, string, "action" | "no_further_action"]> = [
  [
    "Caseloads at the front door rose through the winter and audits show some strategy meetings held late.",
    "Set a caseload ceiling for the front door and report timeliness of strategy meetings to the improvement board monthly.",
    "action",
  ],
  [
    "Care leavers spoke warmly about their personal advisers and the local offer.",
    "Share the care leavers' local offer and adviser model with the region.",
    "no_further_action",
  ],
  [
    "Waits for EHC needs assessments are longer than the national picture, though improving.",
    "Agree a trajectory for timeliness with health partners and test it at the SEND partnership board.",
    "action",
  ],
  [
    "The self-assessment is candid about agency social worker reliance.",
    "Join the regional memorandum on agency rates and track conversions to permanent posts.",
    "action",
  ],
];

/** The directors' challenge (section 5) as two peer authorities would write it. */
export function demoChallenge(peerAuthorityNames: [string, string], seed: number, meetingDate: string, count = 3): Record<string, unknown> {
  return {
    "5a": Array.from({ length: count }, (_, i) => {
      const [keyPoint, recommendation, outcome] = pick(KEY_POINTS, seed + i);
      return { id: `keypoint-${seed}-${i}`, keyPoint, peerAuthority: peerAuthorityNames[i % 2], recommendation, outcome };
    }),
    "5b": meetingDate,
  };
}
