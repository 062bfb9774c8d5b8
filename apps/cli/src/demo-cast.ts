/**
 * Who takes part in the demo day, and the parcels they move: a retailer collective of three
 * hardware stores and a pharmacy in Burlington, Vermont, a rural hub (a grange hall in Plainfield)
 * with three loops and five runners, and a city hub (a corner store) whose coordinator overflows
 * the 55-parcel cap. Deterministic for a given index, so two runs tell the same story.
 */
import { createHash } from 'node:crypto';

export type CourierKind = 'paid' | 'volunteer' | 'gig';

export interface CastCourier {
  key: string;
  displayName: string;
  engagement: { kind: CourierKind; platform?: string };
  vetting: 'vetted' | 'unvetted';
}

export interface CastRetailer {
  key: string;
  displayName: string;
  pharmacy: boolean;
  /** What it ships, with its declared value in cents. */
  goods: Array<{ item: string; valueMinor: number }>;
}

export const CURRENCY = 'USD';
/** The collective's policy: above $150 (and every pharmaceutical) only vetted, non-volunteer couriers. */
export const POLICY_THRESHOLD_MINOR = 15_000;
export const HUB_CYCLE_CAP = 55;
/** Both hubs are in Vermont: pay's before-noon bonus reads the hub's local clock. */
export const HUB_TIME_ZONE = 'America/New_York';

const retailer = (key: string, displayName: string, pharmacy: boolean, goods: Array<[item: string, valueMinor: number]>): CastRetailer => ({
  key,
  displayName,
  pharmacy,
  goods: goods.map(([item, valueMinor]) => ({ item, valueMinor })),
});

/** Three hardware stores and a pharmacy pooling one set of local couriers. */
export const RETAILERS: CastRetailer[] = [
  retailer('champlain-hardware', 'Champlain Hardware', false, [
    ['box of deck screws', 1_899],
    ['paint roller kit', 2_450],
    ['18V cordless drill kit', 40_000],
    ['garden hose, 50 ft', 3_999],
  ]),
  retailer('onion-river-tool', 'Onion River Tool & Supply', false, [
    ['chisel set', 5_400],
    ['work gloves', 1_250],
    ['circular saw', 18_900],
    ['tape measure', 1_699],
  ]),
  retailer('winooski-valley-hardware', 'Winooski Valley Hardware', false, [
    ['furnace filter 3-pack', 3_600],
    ['LED bulbs 6-pack', 2_199],
    ['snow shovel', 3_499],
  ]),
  retailer('green-mountain-pharmacy', 'Green Mountain Pharmacy', true, [
    ['repeat prescription', 2_800],
    ['insulin pens (cold pack)', 9_500],
    ['blood-pressure monitor', 6_499],
  ]),
];

/** The rural hub's runners: three paid, two volunteers (one vetted, one not). */
export const RURAL_RUNNERS: CastCourier[] = [
  { key: 'priya-shah', displayName: 'Priya Shah', engagement: { kind: 'paid' }, vetting: 'vetted' },
  { key: 'tom-okafor', displayName: 'Tom Okafor', engagement: { kind: 'paid' }, vetting: 'vetted' },
  { key: 'sam-whitaker', displayName: 'Sam Whitaker', engagement: { kind: 'paid' }, vetting: 'vetted' },
  { key: 'eileen-walsh', displayName: 'Eileen Walsh', engagement: { kind: 'volunteer' }, vetting: 'unvetted' },
  { key: 'ravi-menon', displayName: 'Ravi Menon', engagement: { kind: 'volunteer' }, vetting: 'vetted' },
];

/** Each loop has one paid runner (who takes the restricted parcels) and maybe a volunteer. */
export const LOOPS = [
  { routeId: 'loop-brook-road', paid: 'priya-shah', volunteer: 'eileen-walsh' as string | undefined },
  { routeId: 'loop-east-hill', paid: 'tom-okafor', volunteer: 'ravi-menon' as string | undefined },
  { routeId: 'loop-river-street', paid: 'sam-whitaker', volunteer: undefined as string | undefined },
];

export const CITY_COURIERS: CastCourier[] = [
  { key: 'kofi-mensah', displayName: 'Kofi Mensah', engagement: { kind: 'gig', platform: 'CurbRun' }, vetting: 'vetted' },
  { key: 'lena-fischer', displayName: 'Lena Fischer', engagement: { kind: 'paid' }, vetting: 'vetted' },
];

export const HUBS = {
  rural: {
    key: 'plainfield-grange',
    displayName: 'Plainfield Grange Hall Hub',
    address: { lines: ['Grange Hall', '6 Main Street'], locality: 'Plainfield', postalCode: '05667', countryCode: 'US' },
    coordinator: { key: 'maggie-ellis', displayName: 'Maggie Ellis' },
    geo: { latitude: 44.2776, longitude: -72.4262 },
  },
  city: {
    key: 'north-winooski-corner',
    displayName: 'North Winooski Ave Corner Store Hub',
    address: { lines: ['212 North Winooski Avenue'], locality: 'Burlington', postalCode: '05401', countryCode: 'US' },
    coordinator: { key: 'dev-patel', displayName: 'Dev Patel' },
    geo: { latitude: 44.4862, longitude: -73.2105 },
  },
};

const FIRST = ['Ada', 'Ben', 'Carmen', 'Dylan', 'Esther', 'Farid', 'Grace', 'Hank', 'Ines', 'Jamal', 'Kira', 'Luis', 'Maya', 'Nils', 'Olive', 'Pete', 'Rosa', 'Silas', 'Tess', 'Uma'];
const LAST = ['Abbott', 'Bouchard', 'Chen', 'Dubois', 'Ellison', 'Fortin', 'Gagnon', 'Hale', 'Ibarra', 'Jensen', 'Kowalski', 'Lapointe', 'Morin', 'Nguyen', 'Ouellette'];
const RURAL_ROADS = ['Brook Road', 'East Hill Road', 'River Street', 'Gonyeau Road', 'Cameron Road', 'Lower Road'];
const CITY_STREETS = ['North Street', 'Archibald Street', 'Intervale Avenue', 'Elmwood Avenue', 'Rose Street', 'Walnut Street'];

/** A recipient the way a retailer's checkout sends them (the API seals it before recording). */
export function recipient(index: number, where: 'rural' | 'city') {
  const name = `${FIRST[index % FIRST.length]} ${LAST[(index * 7) % LAST.length]}`;
  const street = where === 'rural' ? RURAL_ROADS[index % RURAL_ROADS.length] : CITY_STREETS[index % CITY_STREETS.length];
  const address =
    where === 'rural'
      ? { lines: [`${100 + ((index * 37) % 900)} ${street}`], locality: 'Plainfield', postalCode: '05667', countryCode: 'US' }
      : { lines: [`${10 + ((index * 13) % 300)} ${street}`], locality: 'Burlington', postalCode: '05401', countryCode: 'US' };
  // 555-0100..0199: numbers reserved for fiction.
  return { name, address, phone: `+1 802 555 0${100 + (index % 100)}` };
}

/** What the parcel is: the retailer (pharmacy every fourth), the item, and whether the policy restricts who may carry it. */
export function parcelGoods(index: number) {
  const retailer = RETAILERS[index % 4 === 3 ? 3 : index % 3];
  const goods = retailer.goods[Math.floor(index / 4) % retailer.goods.length];
  const categories: Array<'pharmaceutical' | 'fragile'> = retailer.pharmacy ? ['pharmaceutical'] : goods.valueMinor > POLICY_THRESHOLD_MINOR ? ['fragile'] : [];
  const restricted = retailer.pharmacy || goods.valueMinor > POLICY_THRESHOLD_MINOR;
  return { retailer, item: goods.item, valueMinor: goods.valueMinor, categories, restricted };
}

/** Photos and signatures are kept by the device; the chain records only their hashes. */
export const evidence = (what: string) => `sha256:${createHash('sha256').update(what).digest('hex')}`;

export const jitter = (base: { latitude: number; longitude: number }, index: number) => ({
  latitude: Number((base.latitude + ((index * 17) % 100) / 10_000 - 0.005).toFixed(5)),
  longitude: Number((base.longitude + ((index * 29) % 100) / 10_000 - 0.005).toFixed(5)),
  accuracyMeters: 5 + (index % 20),
});
