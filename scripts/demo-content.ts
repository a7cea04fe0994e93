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

/** Offers of good practice: title, description paragraphs, kind of support, themes. */
const OFFERS: ReadonlyArray<readonly [string, readonly string[], string, readonly string[]]> = [
  ["Kinship care assessment framework", ["Our kinship team assesses family and friends carers within 12 weeks using a strengths-based framework, with a support plan agreed before any order is made.", "We can share the framework, the training pack for assessing social workers and our financial support policy, and host a visit to the team."], "shared_practice", ["kinship_care", "edge_of_care"]],
  ["Edge-of-care rapid response team", ["A multi-disciplinary team (social workers, family practitioners and a clinical psychologist) works intensively with adolescents at risk of coming into care.", "Three in four young people the team worked with last year stayed at home. We offer mentoring for a manager setting up a similar team."], "mentoring", ["edge_of_care", "exploitation"]],
  ["Family time centre and practice guide", ["Our family time centre was redesigned with children in care: homely rooms, flexible hours and supervisors trained in therapeutic approaches.", "We can share the practice guide, the booking process and how we review whether family time is still right for each child."], "shared_practice", ["family_time", "fostering"]],
  ["Independent travel training", ["Travel trainers teach young people with SEND to make their own journeys to school, college and work. Over 200 young people have completed training in three years.", "It saves on home-to-school transport and builds independence. We offer our training curriculum, risk assessment and a visit."], "shared_practice", ["independent_travel", "send_quality_assurance"]],
  ["Regional adoption agency partnership", ["As a partner in our regional adoption agency we have halved the time from placement order to match for children who wait longest.", "We can mentor authorities on early permanence, adoption support planning and joint recruitment campaigns."], "mentoring", ["adoption", "placement_sufficiency"]],
  ["EHCP quality assurance panel", ["A multi-agency panel audits a sample of new education, health and care plans every month against a shared quality standard, and feeds back to writers.", "We offer to take part in a peer audit of another authority's plans, using our audit tool."], "peer_audit", ["send_quality_assurance"]],
  ["Social work recruitment and academy", ["Our recruitment campaign and social work academy have cut agency use from 28% to 9% in two years.", "We can share the campaign materials, the academy programme for newly qualified social workers and our retention offer."], "mentoring", ["workforce"]],
  ["Front door daily huddle", ["Police, health, education and social care meet every morning at the front door to agree next steps on the previous day's contacts.", "Threshold guidance, the huddle format and our audit results are available, and you are welcome to observe a huddle."], "shared_practice", ["front_door", "early_help"]],
  ["Care leavers' local offer and apprenticeships", ["Our local offer was written with care leavers, and a ring-fenced apprenticeship scheme with the council and local employers has placed 40 young people.", "We can share the offer, the employer agreement and how we measure outcomes."], "shared_practice", ["care_leavers"]],
  ["Exploitation hub and return home conversations", ["A co-located hub with police and youth justice tracks children at risk of exploitation, and every child who goes missing is offered a return home conversation within 72 hours.", "We offer a peer audit of exploitation cases using our audit tool."], "peer_audit", ["exploitation"]],
  ["Domestic abuse practice model", ["Social workers are trained to keep children safe with the non-abusing parent and to hold the person causing harm to account.", "We can share the training programme, case examples and the audit of impact."], "shared_practice", ["domestic_abuse", "child_protection"]],
  ["Attendance support team", ["Attendance officers work with schools and families on persistent absence, with early help for families where absence is a sign of wider need.", "Our primary attendance is now above the national rate; we can mentor an attendance lead."], "mentoring", ["attendance", "exclusions"]],
  ["Performance insight dashboard", ["A live dashboard gives team managers their caseloads, timeliness and audit grades, updated nightly, with a monthly performance conversation for every team.", "We can share the dashboard design and the questions managers use in performance conversations."], "shared_practice", ["performance_data"]],
  ["Young inspectors", ["A group of care-experienced young inspectors visit services and report to the corporate parenting board, which responds in writing.", "We can bring our young inspectors to take part in a peer challenge of your services for children in care."], "peer_challenge", ["voice_of_children", "care_leavers"]],
];

/** Requests for support: title, description paragraphs, kind of support, themes. */
const REQUESTS: ReadonlyArray<readonly [string, readonly string[], string, readonly string[]]> = [
  ["Peer audit of plans for children in need", ["Our own audits say too many plans for children in need drift between reviews.", "We would like two peers to audit a sample of plans and their reviews and tell us what good looks like elsewhere."], "peer_audit", ["child_protection"]],
  ["Growing in-house foster carers", ["We rely on independent fostering agencies for more than half of our placements.", "We would like mentoring from an authority that has grown its own foster carers, including its recruitment campaign and support offer."], "mentoring", ["fostering", "placement_sufficiency"]],
  ["Diagnostic review of EHCP quality", ["Our plans are mostly on time but tribunal appeals are rising.", "We would like a diagnostic review of how we quality-assure education, health and care plans."], "diagnostic_review", ["send_quality_assurance"]],
  ["Reducing secondary exclusions", ["Suspensions and permanent exclusions in secondary schools are above the regional rate.", "We would like shared practice on inclusion support and managed moves."], "shared_practice", ["exclusions", "attendance"]],
  ["Setting up a kinship care team", ["We want to support kinship carers earlier and assess them more quickly.", "A kinship care framework we could adapt, and a visit to a team that works well, would help."], "shared_practice", ["kinship_care"]],
  ["Edge of care for adolescents", ["More teenagers are coming into care in crisis, often where exploitation is a worry.", "We would like mentoring from an authority with an edge-of-care service for adolescents."], "mentoring", ["edge_of_care", "exploitation"]],
  ["Independent travel training for post-16", ["Home-to-college transport costs are rising fast and young people tell us they want to travel on their own.", "We would like to learn how to set up independent travel training."], "shared_practice", ["independent_travel"]],
  ["Social worker recruitment and retention", ["Agency use is still above a quarter of our posts.", "We would like mentoring on recruitment campaigns and how to keep newly qualified social workers beyond two years."], "mentoring", ["workforce"]],
  ["Better family time for children in care", ["Children tell us family time feels clinical and is hard to fit around school.", "Shared practice on family time arrangements, and a visit, would help us redesign ours."], "shared_practice", ["family_time"]],
  ["Adoption support after the order", ["Adoptive families say support fades after the adoption order.", "We would like peer challenge of our adoption support offer."], "peer_challenge", ["adoption"]],
  ["Using data at the front door", ["We collect a lot of data at the front door but managers do not use it to improve decisions.", "We would like a diagnostic review of how we use performance data."], "diagnostic_review", ["front_door", "performance_data"]],
];

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
      // Three offers and two requests each, different for every authority and year.
      "6a": [0, 1, 2].map((i) => {
        const [title, body, supportKind, themes] = pick(OFFERS, seed * 3 + i + year);
        return { id: id("offer"), title, body: doc(...body), supportKind, themes: [...themes] };
      }),
      "6b": [0, 1].map((i) => {
        const [title, body, supportKind, themes] = pick(REQUESTS, seed * 2 + i + year * 5);
        return { id: id("request"), title, body: doc(...body), supportKind, themes: [...themes] };
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
