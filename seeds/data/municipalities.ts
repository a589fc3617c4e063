// Stockholm County for the demo. Populations are rounded and only weight how many
// contacts each list gets; they need not match the latest official figures.

export interface Municipality {
  code: string; // official four-digit municipality code
  name: string;
  population: number;
}

export interface CityDistrict {
  name: string;
  population: number;
}

/** The demo's unit of calling: one association with one call list. */
export interface DemoAssociation {
  name: string;
  municipalityCode: string;
  listName: string;
  population: number;
}

export const STOCKHOLM_CODE = '0180';

export const MUNICIPALITIES: readonly Municipality[] = [
  { code: '0114', name: 'Upplands Väsby', population: 49_000 },
  { code: '0115', name: 'Vallentuna', population: 35_000 },
  { code: '0117', name: 'Österåker', population: 48_000 },
  { code: '0120', name: 'Värmdö', population: 47_000 },
  { code: '0123', name: 'Järfälla', population: 85_000 },
  { code: '0125', name: 'Ekerö', population: 29_000 },
  { code: '0126', name: 'Huddinge', population: 115_000 },
  { code: '0127', name: 'Botkyrka', population: 97_000 },
  { code: '0128', name: 'Salem', population: 17_500 },
  { code: '0136', name: 'Haninge', population: 97_000 },
  { code: '0138', name: 'Tyresö', population: 48_500 },
  { code: '0139', name: 'Upplands-Bro', population: 31_000 },
  { code: '0140', name: 'Nykvarn', population: 11_500 },
  { code: '0160', name: 'Täby', population: 74_000 },
  { code: '0162', name: 'Danderyd', population: 33_000 },
  { code: '0163', name: 'Sollentuna', population: 75_000 },
  { code: '0180', name: 'Stockholm', population: 985_000 },
  { code: '0181', name: 'Södertälje', population: 101_000 },
  { code: '0182', name: 'Nacka', population: 109_000 },
  { code: '0183', name: 'Sundbyberg', population: 54_000 },
  { code: '0184', name: 'Solna', population: 85_000 },
  { code: '0186', name: 'Lidingö', population: 48_000 },
  { code: '0187', name: 'Vaxholm', population: 12_500 },
  { code: '0188', name: 'Norrtälje', population: 64_000 },
  { code: '0191', name: 'Sigtuna', population: 51_000 },
  { code: '0192', name: 'Nynäshamn', population: 29_000 },
];

// Stockholm's stadsdelsområden since 2020 (Hägersten-Älvsjö merged two former areas).
export const STOCKHOLM_DISTRICTS: readonly CityDistrict[] = [
  { name: 'Rinkeby-Kista', population: 50_000 },
  { name: 'Spånga-Tensta', population: 40_000 },
  { name: 'Hässelby-Vällingby', population: 77_000 },
  { name: 'Bromma', population: 80_000 },
  { name: 'Kungsholmen', population: 73_000 },
  { name: 'Norrmalm', population: 72_000 },
  { name: 'Östermalm', population: 73_000 },
  { name: 'Södermalm', population: 131_000 },
  { name: 'Enskede-Årsta-Vantör', population: 106_000 },
  { name: 'Skarpnäck', population: 49_000 },
  { name: 'Farsta', population: 60_000 },
  { name: 'Hägersten-Älvsjö', population: 133_000 },
  { name: 'Skärholmen', population: 38_000 },
];

function association(place: string, municipalityCode: string, population: number): DemoAssociation {
  return { name: `Föreningen i ${place}`, municipalityCode, listName: `Ringlista ${place}`, population };
}

/**
 * One association per municipality, except Stockholm, which is too large for one:
 * there each city district has its own, all under municipality 0180.
 */
export const DEMO_ASSOCIATIONS: readonly DemoAssociation[] = MUNICIPALITIES.flatMap((m) =>
  m.code === STOCKHOLM_CODE
    ? STOCKHOLM_DISTRICTS.map((d) => association(d.name, STOCKHOLM_CODE, d.population))
    : [association(m.name, m.code, m.population)],
);
