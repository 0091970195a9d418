/**
 * Hand-kept country name data that the CLDR names in Node's ICU, the i18n-iso-countries lists and
 * world-countries do not cover: official long names, common English variants, FIFA codes, names
 * that mean two countries, and the corrections to source data. See country-index.ts for how they
 * are combined.
 */

/** i18n-iso-countries' languages (its langs/ folder), all read. */
export const I18N_LANGUAGES: readonly string[] = (
  // Not Dhivehi (dv): its list is shifted for whole runs of the alphabet (Monaco's name under MD,
  // Mexico's under YT, Nigeria's under NE, ...), and no other source writes Thaana to check it by.
  'af am ar az be bg bn br bs ca cs cy da de el en es et eu fa fi fr ga gl ha he hi hr hu hy id is it ja ka kk km ko ' +
  'ku ky lt lv mk ml mn mr ms mt nb nl nn no pl ps pt ro ru sd sk sl so sq sr sv sw ta tg th tk tr tt ug uk ur uz vi zh'
).split(' ');

/**
 * FIFA codes that are neither ISO alpha-3 nor Olympic codes (world-countries has the Olympic ones):
 * the home nations, Kosovo, and the Caribbean and Pacific members that are not countries. With
 * the Olympic codes they keep a three-letter text from being read as another country's name.
 */
export const FIFA_CODES: Readonly<Record<string, string>> = {
  ENG: 'GB',
  SCO: 'GB',
  WAL: 'GB',
  NIR: 'GB',
  KVX: 'XK',
  SIN: 'SG',
  CTA: 'CF',
  EQG: 'GQ',
  TRI: 'TT',
  TAH: 'PF',
  SMN: 'MF',
  SMA: 'SX',
  BOE: 'BQ',
};

/**
 * Languages whose CLDR region names are indexed (filtered at start-up to those Node's ICU ships).
 * Every language CLDR has region names for (about 270 with Node 20's ICU), plus the script and
 * regional variants whose names differ from their parent.
 */
export const CLDR_LOCALE_CANDIDATES: readonly string[] = (
  'af ak am ar as az be bg bm bn bo br bs ca ce cs cv cy da de dz ee el en eo es et eu fa ff fi fo fr fy ga gd gl gu gv ' +
  'ha he hi hr hu hy ia id ig ii is it ja jv ka ki kk kl km kn ko ks ku kw ky lb lg ln lo lt lu lv mg mi mk ml mn mr ms ' +
  'mt my nb nd ne nl nn no om or os pa pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sn so sq sr st su sv sw ta te ' +
  'tg th ti tk tn to tr tt ug uk ur uz vi wo xh yi yo zh zu fil haw yue ceb chr ast ckb kok mai mni sat brx doi gsw nds ' +
  'smn sah dsb hsb fur kab kea sr-Latn bs-Cyrl uz-Cyrl az-Cyrl pa-Arab zh-Hant zh-Hant-HK pt-PT es-419 fr-CA en-GB ' +
  'agq asa bas bem bez bgc bho blo ccp cgg csw dav dje dua dyo ebu ewo guz ia ie jgo jmc kam kde kgp khq kkj kln ksb ksf ' +
  'ksh kxv lag lij lkt lmo lrc luo luy mas mer mfe mgh mgo mua mzn naq nmg nnh nqo nus nyn oc pcm prg raj rof rwk saq sbp ' +
  'sc seh ses shi szl teo tok twq tzm vai vec vmw vun wae xnr xog yav yrl zgh en-AU en-CA en-IN es-MX es-US fr-CH de-AT ' +
  'de-CH nl-BE sr-Cyrl-BA sr-Latn-BA ms-Arab ks-Deva sd-Deva ff-Adlm ha-Arab mni-Mtei sat-Deva vai-Latn uz-Arab'
).split(' ');

/**
 * The only regions whose CLDR short or narrow name differs from the long one in any indexed
 * locale ("UK", "Hong Kong", "Palestine", "Bosnia"...). Asking for short names of these alone keeps
 * the start-up build fast; a test checks that the list is complete.
 */
export const CLDR_SHORT_NAME_CODES: readonly string[] = ['BA', 'CC', 'GB', 'HK', 'KR', 'MM', 'MO', 'PN', 'PS', 'SA', 'US'];

/** Official long names (ISO 3166 / UN full names, in English), and inverted ISO forms people paste. */
export const OFFICIAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  AE: ['United Arab Emirates'],
  AF: ['Islamic Republic of Afghanistan', 'Islamic Emirate of Afghanistan'],
  AL: ['Republic of Albania'],
  AM: ['Republic of Armenia'],
  AO: ['Republic of Angola'],
  AR: ['Argentine Republic'],
  AT: ['Republic of Austria'],
  AU: ['Commonwealth of Australia'],
  AZ: ['Republic of Azerbaijan'],
  BA: ['Bosnia and Herzegovina'],
  BD: ["People's Republic of Bangladesh"],
  BE: ['Kingdom of Belgium'],
  BF: ['Burkina Faso'],
  BG: ['Republic of Bulgaria'],
  BH: ['Kingdom of Bahrain'],
  BI: ['Republic of Burundi'],
  BJ: ['Republic of Benin'],
  BN: ['Brunei Darussalam', 'Nation of Brunei'],
  BO: ['Plurinational State of Bolivia', 'Bolivia, Plurinational State of'],
  BR: ['Federative Republic of Brazil'],
  BS: ['Commonwealth of The Bahamas'],
  BT: ['Kingdom of Bhutan'],
  BW: ['Republic of Botswana'],
  BY: ['Republic of Belarus'],
  BZ: ['Belize'],
  CA: ['Canada'],
  CD: ['Democratic Republic of the Congo', 'Congo, Democratic Republic of the', 'Congo, The Democratic Republic of the'],
  CF: ['Central African Republic'],
  CG: ['Republic of the Congo', 'Congo, Republic of the'],
  CH: ['Swiss Confederation'],
  CI: ["Republic of Côte d'Ivoire"],
  CL: ['Republic of Chile'],
  CM: ['Republic of Cameroon'],
  CN: ["People's Republic of China"],
  CO: ['Republic of Colombia'],
  CR: ['Republic of Costa Rica'],
  CU: ['Republic of Cuba'],
  CV: ['Republic of Cabo Verde', 'Republic of Cape Verde'],
  CY: ['Republic of Cyprus'],
  CZ: ['Czech Republic'],
  DE: ['Federal Republic of Germany'],
  DJ: ['Republic of Djibouti'],
  DK: ['Kingdom of Denmark'],
  DM: ['Commonwealth of Dominica'],
  DO: ['Dominican Republic'],
  DZ: ["People's Democratic Republic of Algeria"],
  EC: ['Republic of Ecuador'],
  EE: ['Republic of Estonia'],
  EG: ['Arab Republic of Egypt'],
  ER: ['State of Eritrea'],
  ES: ['Kingdom of Spain'],
  ET: ['Federal Democratic Republic of Ethiopia'],
  FI: ['Republic of Finland'],
  FJ: ['Republic of Fiji'],
  FM: ['Federated States of Micronesia', 'Micronesia, Federated States of'],
  FR: ['French Republic'],
  GA: ['Gabonese Republic'],
  GB: ['United Kingdom of Great Britain and Northern Ireland'],
  GE: ['Georgia'],
  GH: ['Republic of Ghana'],
  GM: ['Republic of the Gambia'],
  GN: ['Republic of Guinea'],
  GQ: ['Republic of Equatorial Guinea'],
  GR: ['Hellenic Republic'],
  GT: ['Republic of Guatemala'],
  GW: ['Republic of Guinea-Bissau'],
  GY: ['Co-operative Republic of Guyana'],
  HK: ['Hong Kong Special Administrative Region of China', 'Hong Kong Special Administrative Region'],
  HN: ['Republic of Honduras'],
  HR: ['Republic of Croatia'],
  HT: ['Republic of Haiti'],
  HU: ['Hungary'],
  ID: ['Republic of Indonesia'],
  IE: ['Ireland'],
  IL: ['State of Israel'],
  IN: ['Republic of India'],
  IQ: ['Republic of Iraq'],
  IR: ['Islamic Republic of Iran', 'Iran, Islamic Republic of'],
  IS: ['Iceland'],
  IT: ['Italian Republic'],
  JM: ['Jamaica'],
  JO: ['Hashemite Kingdom of Jordan'],
  JP: ['Japan'],
  KE: ['Republic of Kenya'],
  KG: ['Kyrgyz Republic'],
  KH: ['Kingdom of Cambodia'],
  KI: ['Republic of Kiribati'],
  KM: ['Union of the Comoros'],
  KN: ['Federation of Saint Kitts and Nevis'],
  KP: ["Democratic People's Republic of Korea", "Korea, Democratic People's Republic of"],
  KR: ['Republic of Korea', 'Korea, Republic of'],
  KW: ['State of Kuwait'],
  KZ: ['Republic of Kazakhstan'],
  LA: ["Lao People's Democratic Republic"],
  LB: ['Lebanese Republic'],
  LI: ['Principality of Liechtenstein'],
  LK: ['Democratic Socialist Republic of Sri Lanka'],
  LR: ['Republic of Liberia'],
  LS: ['Kingdom of Lesotho'],
  LT: ['Republic of Lithuania'],
  LU: ['Grand Duchy of Luxembourg'],
  LV: ['Republic of Latvia'],
  LY: ['State of Libya'],
  MA: ['Kingdom of Morocco'],
  MC: ['Principality of Monaco'],
  MD: ['Republic of Moldova', 'Moldova, Republic of'],
  ME: ['Montenegro'],
  MG: ['Republic of Madagascar'],
  MH: ['Republic of the Marshall Islands'],
  MK: ['Republic of North Macedonia'],
  ML: ['Republic of Mali'],
  MM: ['Republic of the Union of Myanmar'],
  MN: ['Mongolia'],
  MO: ['Macao Special Administrative Region of China', 'Macau Special Administrative Region'],
  MR: ['Islamic Republic of Mauritania'],
  MT: ['Republic of Malta'],
  MU: ['Republic of Mauritius'],
  MV: ['Republic of Maldives'],
  MW: ['Republic of Malawi'],
  MX: ['United Mexican States'],
  MY: ['Malaysia'],
  MZ: ['Republic of Mozambique'],
  NA: ['Republic of Namibia'],
  NE: ['Republic of the Niger', 'Republic of Niger'],
  NG: ['Federal Republic of Nigeria'],
  NI: ['Republic of Nicaragua'],
  NL: ['Kingdom of the Netherlands'],
  NO: ['Kingdom of Norway'],
  NP: ['Federal Democratic Republic of Nepal'],
  NR: ['Republic of Nauru'],
  NZ: ['New Zealand'],
  OM: ['Sultanate of Oman'],
  PA: ['Republic of Panama'],
  PE: ['Republic of Peru'],
  PG: ['Independent State of Papua New Guinea'],
  PH: ['Republic of the Philippines'],
  PK: ['Islamic Republic of Pakistan'],
  PL: ['Republic of Poland'],
  PS: ['State of Palestine', 'Palestine, State of'],
  PT: ['Portuguese Republic'],
  PW: ['Republic of Palau'],
  PY: ['Republic of Paraguay'],
  QA: ['State of Qatar'],
  RO: ['Romania'],
  RS: ['Republic of Serbia'],
  RU: ['Russian Federation'],
  RW: ['Republic of Rwanda'],
  SA: ['Kingdom of Saudi Arabia'],
  SB: ['Solomon Islands'],
  SC: ['Republic of Seychelles'],
  SD: ['Republic of the Sudan', 'Republic of Sudan'],
  SE: ['Kingdom of Sweden'],
  SG: ['Republic of Singapore'],
  SI: ['Republic of Slovenia'],
  SK: ['Slovak Republic'],
  SL: ['Republic of Sierra Leone'],
  SM: ['Republic of San Marino'],
  SN: ['Republic of Senegal'],
  SO: ['Federal Republic of Somalia'],
  SR: ['Republic of Suriname'],
  SS: ['Republic of South Sudan'],
  ST: ['Democratic Republic of São Tomé and Príncipe'],
  SV: ['Republic of El Salvador'],
  SY: ['Syrian Arab Republic'],
  SZ: ['Kingdom of Eswatini', 'Kingdom of Swaziland'],
  TD: ['Republic of Chad'],
  TG: ['Togolese Republic'],
  TH: ['Kingdom of Thailand'],
  TJ: ['Republic of Tajikistan'],
  TL: ['Democratic Republic of Timor-Leste'],
  TM: ['Turkmenistan'],
  TN: ['Republic of Tunisia'],
  TO: ['Kingdom of Tonga'],
  TR: ['Republic of Türkiye', 'Republic of Turkey'],
  TT: ['Republic of Trinidad and Tobago'],
  TV: ['Tuvalu'],
  TW: ['Taiwan, Province of China'],
  TZ: ['United Republic of Tanzania', 'Tanzania, United Republic of'],
  UA: ['Ukraine'],
  UG: ['Republic of Uganda'],
  US: ['United States of America'],
  UY: ['Oriental Republic of Uruguay', 'Eastern Republic of Uruguay'],
  UZ: ['Republic of Uzbekistan'],
  VA: ['Holy See', 'Vatican City State', 'State of the Vatican City'],
  VC: ['Saint Vincent and the Grenadines'],
  VE: ['Bolivarian Republic of Venezuela', 'Venezuela, Bolivarian Republic of'],
  VG: ['Virgin Islands (British)', 'Virgin Islands, British'],
  VI: ['Virgin Islands (U.S.)', 'Virgin Islands of the United States', 'Virgin Islands, U.S.'],
  VN: ['Socialist Republic of Viet Nam', 'Socialist Republic of Vietnam'],
  VU: ['Republic of Vanuatu'],
  WS: ['Independent State of Samoa'],
  XK: ['Republic of Kosovo'],
  YE: ['Republic of Yemen'],
  ZA: ['Republic of South Africa'],
  ZM: ['Republic of Zambia'],
  ZW: ['Republic of Zimbabwe'],
};

/** Official long names in the country's own language(s), as written on letterheads and invoices. */
export const NATIVE_OFFICIAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  AD: ["Principat d'Andorra", 'Principality of Andorra'],
  AL: ['Republika e Shqipërisë', 'Shqipëria'],
  AR: ['República Argentina'],
  AT: ['Republik Österreich'],
  BE: ['Koninkrijk België', 'Royaume de Belgique', 'Königreich Belgien'],
  BG: ['Република България'],
  BO: ['Estado Plurinacional de Bolivia'],
  BR: ['República Federativa do Brasil'],
  CH: ['Confoederatio Helvetica', 'Schweizerische Eidgenossenschaft', 'Confédération suisse', 'Confederazione Svizzera'],
  CL: ['República de Chile'],
  CN: ['中华人民共和国', '中華人民共和國'],
  CO: ['República de Colombia'],
  CZ: ['Česká republika'],
  DE: ['Bundesrepublik Deutschland', 'BR Deutschland'],
  DK: ['Kongeriget Danmark'],
  EE: ['Eesti Vabariik'],
  ES: ['Reino de España'],
  FI: ['Suomen tasavalta', 'Republiken Finland'],
  FR: ['République française'],
  GR: ['Ελληνική Δημοκρατία', 'Ellada', 'Hellas'],
  HR: ['Republika Hrvatska'],
  HU: ['Magyar Köztársaság'],
  IN: ['Bharat', 'Bhārat', 'भारत गणराज्य', 'Republic of India'],
  IT: ['Repubblica Italiana'],
  JP: ['日本国', 'Nippon', 'Nihon'],
  KP: ['조선민주주의인민공화국', '조선'],
  KR: ['대한민국', '한국'],
  LT: ['Lietuvos Respublika'],
  LU: ['Grand-Duché de Luxembourg', 'Großherzogtum Luxemburg'],
  LV: ['Latvijas Republika'],
  MN: ['Монгол Улс'],
  MX: ['Estados Unidos Mexicanos'],
  NL: ['Koninkrijk der Nederlanden'],
  NO: ['Kongeriket Norge', 'Kongeriket Noreg'],
  PE: ['República del Perú'],
  PL: ['Rzeczpospolita Polska'],
  PT: ['República Portuguesa'],
  RO: ['România'],
  RU: ['Российская Федерация', 'Rossiya', 'Rossija'],
  SA: ['السعودية', 'المملكة العربية السعودية'],
  SE: ['Konungariket Sverige'],
  SI: ['Republika Slovenija'],
  SK: ['Slovenská republika'],
  TH: ['ประเทศไทย', 'ราชอาณาจักรไทย', 'Prathet Thai'],
  TR: ['Türkiye Cumhuriyeti'],
  TW: ['臺灣', '中華民國臺灣'],
  UA: ['Україна'],
  UY: ['República Oriental del Uruguay'],
  VE: ['República Bolivariana de Venezuela'],
  VN: ['Cộng hòa Xã hội chủ nghĩa Việt Nam'],
};

/**
 * Official long names of the larger economies in the main languages of commerce (Spanish, French,
 * German, Italian, Portuguese, Dutch, Polish, Russian, Japanese, Chinese), as their foreign ministries
 * and the EU's Interinstitutional Style Guide write them. CLDR has only short names.
 */
export const FOREIGN_OFFICIAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  AR: ['Argentinische Republik', 'République argentine', 'Repubblica Argentina'],
  AT: ["République d'Autriche", 'República de Austria', 'Repubblica d\'Austria'],
  BE: ['Reino de Bélgica', 'Royaume de Belgique', 'Regno del Belgio'],
  BR: ['Föderative Republik Brasilien', 'République fédérative du Brésil', 'República Federativa de Brasil', 'Repubblica Federativa del Brasile'],
  CD: ['Demokratische Republik Kongo', 'República Democrática del Congo', 'RD del Congo', 'Repubblica Democratica del Congo', 'Democratische Republiek Congo', 'Demokratyczna Republika Konga', 'Демократическая Республика Конго'],
  CG: ['República del Congo', 'Repubblica del Congo', 'Republiek Congo', 'Republika Konga', 'Республика Конго'],
  CH: ['Confederación Suiza', 'Confédération helvétique', 'Confederação Suíça'],
  CN: ['Volksrepublik China', 'République populaire de Chine', 'República Popular China', 'República Popular de China', 'Repubblica Popolare Cinese', 'República Popular da China', 'Volksrepubliek China', 'Chińska Republika Ludowa', 'Китайская Народная Республика'],
  DE: ['República Federal de Alemania', "République fédérale d'Allemagne", 'Repubblica Federale di Germania', 'República Federal da Alemanha', 'Bondsrepubliek Duitsland', 'Republika Federalna Niemiec', 'Федеративная Республика Германия', 'ドイツ連邦共和国', '德意志联邦共和国'],
  ES: ['Königreich Spanien', "Royaume d'Espagne", 'Regno di Spagna', 'Reino da Espanha', 'Koninkrijk Spanje', 'Królestwo Hiszpanii', 'Королевство Испания'],
  FR: ['República Francesa', 'Französische Republik', 'Repubblica francese', 'República Francesa', 'Franse Republiek', 'Republika Francuska', 'Французская Республика', 'フランス共和国', '法兰西共和国'],
  GB: [
    'Reino Unido de Gran Bretaña e Irlanda del Norte',
    'Reino Unido de Gran Bretaña',
    'Vereinigtes Königreich Großbritannien und Nordirland',
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    'Regno Unito di Gran Bretagna e Irlanda del Nord',
    'Reino Unido da Grã-Bretanha e Irlanda do Norte',
    'Verenigd Koninkrijk van Groot-Brittannië en Noord-Ierland',
    'Zjednoczone Królestwo Wielkiej Brytanii i Irlandii Północnej',
    'Соединённое Королевство Великобритании и Северной Ирландии',
  ],
  IN: ['Republik Indien', "République de l'Inde", 'República de la India', 'Repubblica dell\'India', 'Республика Индия'],
  IT: ['Italienische Republik', 'République italienne', 'República Italiana', 'Italiaanse Republiek', 'Republika Włoska', 'Итальянская Республика'],
  KP: ['Demokratische Volksrepublik Korea', 'République populaire démocratique de Corée', 'República Popular Democrática de Corea', 'Repubblica Popolare Democratica di Corea', 'Корейская Народно-Демократическая Республика'],
  KR: ['Republik Korea', 'République de Corée', 'República de Corea', 'Repubblica di Corea', 'República da Coreia', 'Republiek Korea', 'Republika Korei', 'Республика Корея', '大韓民国', '大韩民国'],
  MX: ['Vereinigte Mexikanische Staaten', 'États-Unis mexicains', 'Stati Uniti Messicani'],
  NL: ['Königreich der Niederlande', 'Royaume des Pays-Bas', 'Reino de los Países Bajos', 'Regno dei Paesi Bassi', 'Królestwo Niderlandów'],
  PL: ['Republik Polen', 'République de Pologne', 'República de Polonia', 'Repubblica di Polonia'],
  RU: ['Russische Föderation', 'Fédération de Russie', 'Federación de Rusia', 'Federazione Russa', 'Federação Russa', 'Russische Federatie', 'Federacja Rosyjska', 'ロシア連邦', '俄罗斯联邦'],
  TR: ['Republik Türkei', 'République de Turquie', 'República de Turquía', 'Repubblica di Turchia'],
  US: [
    'Estados Unidos de América',
    "États-Unis d'Amérique",
    "Stati Uniti d'America",
    'Estados Unidos da América',
    'Verenigde Staten van Amerika',
    'Stany Zjednoczone Ameryki',
    'Соединённые Штаты Америки',
    'アメリカ合衆国',
    '美利坚合众国',
  ],
  ZA: ['Republik Südafrika', "République d'Afrique du Sud", 'República de Sudáfrica', 'Repubblica del Sudafrica'],
};

/** What people type that neither CLDR nor the ISO lists spell this way. */
export const COUNTRY_VARIANTS: Readonly<Record<string, readonly string[]>> = {
  AT: ['Oesterreich', 'Osterreich'],
  AE: ['UAE', 'U.A.E.', 'Emirates', 'VAE', 'EAU', 'The Emirates'],
  BA: ['Bosnia-Herzegovina'],
  BL: ['St. Barts', 'St Barths', 'Saint Barths', 'Saint-Barth'],
  BO: ['Bolivia (Plurinational State of)'],
  CD: ['DRC', 'DR Congo', 'D.R. Congo', 'Congo (DRC)', 'Congo DRC', 'Congo-Kinshasa', 'Congo Kinshasa', 'RDC', 'RD Congo', 'República Democrática do Congo', 'Zaire'],
  CG: ['Congo-Brazzaville', 'Congo (Republic)', 'Congo Republic', 'República do Congo'],
  CI: ['Ivory Coast', 'Cote dIvoire'],
  CN: ['PRC', 'P.R. China', 'PR China', 'Mainland China'],
  CV: ['Cape Verde', 'Cabo Verde'],
  CZ: ['Czech', 'Czechia', 'Czech Rep.', 'Tschechien', 'Česko', 'Tchéquie'],
  DE: ['Deutschland', 'West Germany', 'BRD', 'Bundesrepublik'],
  FK: ['Falkland Islands (Malvinas)', 'Falklands', 'Malvinas'],
  FM: ['Micronesia (Federated States of)', 'Federal States of Micronesia'],
  GB: ['UK', 'U.K.', 'Great Britain', 'Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'Großbritannien', 'Angleterre', 'Inghilterra', 'Engeland', 'Inglaterra', 'United Kingdom (the)', 'Great Britain and Northern Ireland'],
  HK: ['Hong Kong SAR', 'HKSAR', 'Hong Kong, China', 'Hong Kong SAR, China'],
  IE: ['Éire', 'Republic of Ireland', 'Eire', 'Irish Republic'],
  IR: ['Iran (Islamic Republic of)', 'Persia'],
  KN: ['St Kitts', 'Saint Kitts', 'St. Kitts & Nevis'],
  KP: ['DPRK', 'D.P.R.K.', 'Korea, North', 'Korea (North)', 'North Korea'],
  KR: ['ROK', 'Korea, South', 'Korea (South)', 'South Korea'],
  LA: ['Laos', 'Lao PDR', 'Lao'],
  MD: ['Moldova'],
  MK: ['Macedonia', 'FYROM', 'Former Yugoslav Republic of Macedonia', 'Republic of Macedonia'],
  MM: ['Burma'],
  MO: ['Macau', 'Macau SAR', 'Macao SAR', 'Macau, China'],
  NL: ['Holland', 'The Netherlands'],
  PH: ['Phillipines', 'Philipines', 'Phillippines'],
  PS: ['West Bank and Gaza', 'Palestine', 'Palestinian Territory', 'Occupied Palestinian Territory'],
  RU: ['Russia', 'Russian Federation (the)'],
  SA: ['KSA', 'K.S.A.'],
  SH: ['Saint Helena, Ascension and Tristan da Cunha', 'St Helena'],
  SY: ['Syria'],
  SZ: ['Swaziland', 'eSwatini'],
  TL: ['East Timor'],
  TR: ['Turkey', 'Türkiye', 'Turkiye'],
  TW: ['Taiwan (Province of China)', 'Chinese Taipei', 'Taiwan ROC', 'Taiwan, China'],
  TZ: ['Tanzania'],
  US: ['USA', 'U.S.A.', 'U.S.', 'US of A', 'America', 'United States', 'EE.UU.', 'EEUU', 'EE. UU.', 'États-Unis', 'Stati Uniti', 'Verenigde Staten', 'Förenta staterna', 'EUA', 'the States', 'United States (the)'],
  VA: ['Vatican', 'Vatican City', 'Holy See (Vatican City State)'],
  VC: ['St. Vincent & Grenadines', 'St Vincent', 'Saint Vincent'],
  VE: ['Venezuela (Bolivarian Republic of)', 'Venezuela, RB'],
  VG: ['British Virgin Islands', 'BVI', 'B.V.I.'],
  VI: ['U.S. Virgin Islands', 'US Virgin Islands', 'USVI', 'United States Virgin Islands', 'American Virgin Islands'],
  VN: ['Viet Nam'],
  ZA: ['RSA', 'R.S.A.'],
  XK: ['Kosova'],
};

/**
 * Names that mean two (or more) countries. They are refused, naming the candidates, whatever a
 * source says: a wrong country is worse than a refusal. A test fails when two sources give one
 * name different countries and no entry here (or a correction below) explains it.
 */
export const AMBIGUOUS_NAMES: readonly { names: readonly string[]; codes: readonly string[]; why: string }[] = [
  {
    names: ['Congo', 'Kongo', 'Конго', 'Congó', 'An Congó', 'The Congo', 'کانگو'],
    codes: ['CD', 'CG'],
    why: 'two neighbouring countries; CLDR gives the bare name to one and i18n-iso-countries to the other, depending on the language',
  },
  {
    names: ['Korea', 'Corea', 'Coreia', 'Corée', 'Kore', 'Kórea', 'Koreja', 'Korėja', 'Κορέα', 'Корея', 'Кореја', 'كوريا', 'קוריאה'],
    codes: ['KP', 'KR'],
    why: 'North and South Korea; the bare name is used for both',
  },
  {
    names: [
      ...['Saint Martin', 'Saint-Martin', 'San Martín', 'São Martinho', 'Sankt Martin', 'Shën Martin', 'Свети Мартин', 'Saint Martin Island', 'Sveti Martin', 'Svatý Martin', 'Sant Martin'],
      // Arabic script writes few vowels: the two parts' names differ by one vowel letter, one way in
      // Persian and Urdu, the other way in Pashto, and Wikipedia gives both parts the Persian "…مارتین".
      ...['سانت مارتن', 'سن مارتن', 'سنت مارتین', 'سنت مارتن', 'سینٹ مارٹن', 'سنٹ مارٹن', 'سینټ مارټن', 'سینټ مارټین'],
    ],
    codes: ['MF', 'SX'],
    why: 'one island with a French (MF) and a Dutch (SX) part; i18n-iso-countries gives both parts one Portuguese and one Albanian name, CLDR one Occitan, Breton and Friulian name, and the Arabic-script names of the parts differ by a vowel letter that sources write either way',
  },
  {
    names: ['Virgin Islands', 'Virgin Isl.', 'Jungferninseln', 'Îles Vierges', 'Islas Vírgenes', 'Neitsytsaaret', 'Виргинские острова'],
    codes: ['VG', 'VI'],
    why: 'British and U.S. Virgin Islands',
  },
  { names: ['Republic of China', 'ROC'], codes: ['CN', 'TW'], why: "Taiwan's official name, often typed for the People's Republic" },
  { names: ['Netherlands Antilles', 'Antilles'], codes: ['BQ', 'CW', 'SX'], why: 'dissolved in 2010 into Bonaire/Sint Eustatius/Saba, Curaçao and Sint Maarten' },
  { names: ['Serbia and Montenegro', 'Yugoslavia'], codes: ['ME', 'RS'], why: 'split in 2006' },
  { names: ['Czechoslovakia'], codes: ['CZ', 'SK'], why: 'split in 1993' },
  // Three letters that are another country's sports or airport code as well as a name somewhere.
  { names: ['SIN'], codes: ['CN', 'SG'], why: 'Hausa for China; Singapore\'s IOC, FIFA and airport code' },
  { names: ['MON'], codes: ['IM', 'MC'], why: 'Icelandic for the Isle of Man; Monaco\'s IOC and FIFA code' },
  // CLDR names that differ only by accents: typed with the accents they resolve; without, they are refused.
  { names: ['Kata'], codes: ['QA', 'TD'], why: 'Akan "Kata" is Qatar; Māori "Kāta" is Chad' },
  { names: ['Lusia'], codes: ['LC', 'RU'], why: 'Tongan "Lūsia" is Russia; Yoruba "Luṣia" is Saint Lucia' },
  { names: ['Toga'], codes: ['TG', 'TO'], why: 'Irish "Tóga" is Togo; Nheengatu "Tõga" is Tonga' },
  { names: ['Sabiya'], codes: ['RS', 'ZM'], why: 'Hausa "Sabiya" is Serbia; Nheengatu "Sãbiya" is Zambia' },
  // CLDR names that two languages give to different countries.
  { names: ['Nigeri'], codes: ['NE', 'NG'], why: 'Albanian for Nigeria; Nama for Niger' },
  { names: ['لتونی'], codes: ['LT', 'LV'], why: 'Persian for Latvia; Mazanderani for Lithuania' },
  // Regions, islands and names of several countries (issue 21): refused rather than given to one.
  { names: ['Papua', 'Papúa', 'Papouasie', 'Papoea'], codes: ['ID', 'PG'], why: 'Indonesian provinces (Papua, West Papua, ...), or short for Papua New Guinea' },
  { names: ['New Guinea', 'Nouvelle-Guinée', 'Neuguinea', 'Nueva Guinea', 'Nova Guiné'], codes: ['ID', 'PG'], why: 'an island shared by Indonesia and Papua New Guinea' },
  { names: ['Timor', 'Timór'], codes: ['ID', 'TL'], why: 'an island shared by Timor-Leste and Indonesia' },
  {
    names: ['Guiana', 'Guianas', 'The Guianas', 'Guyanas', 'Guayana', 'Guayanas', 'Guyanes', 'Les Guyanes', 'Гвиана', 'Гвіана', 'غويانا'],
    codes: ['GF', 'GY', 'SR'],
    why: 'the Guianas: Guyana, Suriname and French Guiana; Portuguese "Guiana" is Guyana, world-countries lists it for French Guiana; Russian and Ukrainian "Гвиана"/"Гвіана" are French Guiana in world-countries and i18n-iso-countries, Bulgarian "Гвиана" is Guyana in Wikipedia; Arabic "غويانا" is French Guiana in world-countries, Guyana in the press',
  },
  { names: ['Columbia'], codes: ['CA', 'CO', 'US'], why: 'District of Columbia (US), British Columbia (CA), or Colombia misspelt; Romanian and Romansh CLDR give it to Colombia' },
  { names: ['Borneo', 'Bornéo'], codes: ['BN', 'ID', 'MY'], why: 'an island shared by Brunei, Indonesia and Malaysia' },
  { names: ['Hispaniola', 'La Española', 'Hispaniola Island'], codes: ['DO', 'HT'], why: 'an island shared by Haiti and the Dominican Republic' },
  // Names two languages give to two countries, found when Debian's iso-codes joined the sources.
  { names: ['Nijeri'], codes: ['NE', 'NG'], why: 'Niger in CLDR\'s Kikuyu, Kirundi and other East African languages; Nigeria in iso-codes\' Cornish' },
  { names: ['Male', 'Malè'], codes: ['ML', 'MT'], why: 'Mali in CLDR\'s Aghem; Malta in iso-codes\' Walloon (and Malé is the capital of the Maldives)' },
  { names: ['Angula'], codes: ['AI', 'AO'], why: 'Angola in CLDR\'s Tamazight and Tachelhit; Anguilla in iso-codes\' Crimean Tatar' },
  { names: ['Almania', 'Almanía'], codes: ['AM', 'DE'], why: 'Armenia in CLDR\'s Yangben; Germany in iso-codes\' Tatar (Latin)' },
  { names: ['Wallis'], codes: ['CH', 'GB', 'WF'], why: 'Afrikaans for Wales (CLDR), Wallis Island of Wallis and Futuna, and the German name of the Swiss canton Valais' },
  {
    names: ['多米尼加', '多米尼加共和国', '多米尼克共和国', '도미니카 공화국'],
    codes: ['DM', 'DO'],
    why: 'Dominica in world-countries\' Chinese and Korean, the Dominican Republic in CLDR and i18n-iso-countries (Taiwan writes it 多明尼加)',
  },
];

/**
 * Countries whose name inside a state form (country-forms.ts) is refused with another:
 *   - "Republic of Dominica", "Dominica Republic", "Republik Dominika" are far more often the
 *     Dominican Republic than Dominica (a Commonwealth, not a republic by name);
 *   - "República de China", "Republik China" are Taiwan's official name (the Republic of China) as
 *     much as a short form of the People's Republic; with "People's" they are the PRC.
 */
export const FORM_AMBIGUOUS: Readonly<Record<string, { codes: readonly string[]; unlessPeoples?: boolean }>> = {
  DM: { codes: ['DM', 'DO'] },
  // "People's Republic" / "Volksrepublik" / "Folkerepublikken" is the PRC alone.
  CN: { codes: ['CN', 'TW'], unlessPeoples: true },
};

/**
 * Names of two countries that a state form tells apart: with "People's" in the form, "Korea" is North
 * Korea, with "Republic" alone (no "People's", no "Democratic") South Korea ("Republic of Korea");
 * with "Democratic", "Congo" is the Democratic Republic (Kinshasa), with "Republic" alone the Republic
 * (Brazzaville);
 * "China" with "People's" is the PRC, without it refused (Taiwan's official name is "Republic of China").
 */
export const FORM_DISAMBIGUATION: readonly { codes: readonly string[]; peoples?: string; democratic?: string; republic?: string }[] = [
  { codes: ['KP', 'KR'], peoples: 'KP', republic: 'KR' },
  { codes: ['CD', 'CG'], democratic: 'CD', republic: 'CG' },
  // "Republic of China" is Taiwan's official name; "People's Republic of China" is the PRC.
  { codes: ['CN', 'TW'], peoples: 'CN' },
];

/**
 * Pairs of countries that share a base name and are told apart only by a word more: "Congo - Kinshasa"
 * and "Congo - Brazzaville", "Isole Vergini Americane" and "Isole Vergini Britanniche". In every
 * language, the words the two countries' names begin or end with alike ("Congo", "Isole Vergini",
 * "Девичанска острва") name either, and are refused naming both, unless they are a state form
 * ("جمهورية الكونغو", Republic of the Congo, is the Republic's name).
 */
export const SHARED_BASE_PAIRS: readonly (readonly [string, string])[] = [
  ['CD', 'CG'],
  ['KP', 'KR'],
  ['VG', 'VI'],
  // Not Saint-Martin and Sint Maarten: Dutch names the whole island "Sint Maarten" and the French part
  // "Sint-Maarten (Frans deel)", but "Sint Maarten" is the Dutch part's own name everywhere else. The
  // island's bare names are listed by hand in AMBIGUOUS_NAMES.
];

/**
 * Source entries that are not believed: filed under `actual` instead of `listed`, or dropped when
 * `actual` is null. `source` is a source label (`i18n:pt`) or a family of them (`cldr` is every
 * CLDR locale: the build reads each name once, under whichever locale gave it first).
 */
export const SOURCE_CORRECTIONS: readonly { source: string; name: string; listed: string; actual: string | null; why: string }[] = [
  // i18n-iso-countries' Portuguese list swaps the two Congos: it calls CD "República Popular do
  // Congo" (CG's name until 1991) and CG "República Democrática do Congo" (CD's name). CLDR's
  // Portuguese and Galician data have them right.
  { source: 'i18n:pt', name: 'República Popular do Congo', listed: 'CD', actual: 'CG', why: 'the two Congos swapped' },
  { source: 'i18n:pt', name: 'República Democrática do Congo', listed: 'CG', actual: 'CD', why: 'the two Congos swapped' },
  {
    source: 'cldr',
    name: 'Guyane',
    listed: 'GY',
    actual: null,
    why: 'Kirundi\'s name for Guyana, but "Guyane" is French Guiana (GF) in French, the language in which it is written on invoices',
  },
  {
    source: 'cldr',
    name: 'موریتانیا',
    listed: 'MU',
    actual: null,
    why: "Western Balochi's name for Mauritius (cldr-localenames-full), but Mauritania's in Arabic, Pashto and Sindhi, where Mauritius is موريشيوس",
  },
  // Debian's iso-codes translations that name another country than their code (Occitan gives Iran,
  // Afghanistan, Kyrgyzstan and Syria the Dominican Republic's name): filed under the country they name.
  ...(
    [
      ['ar', 'MD', 'المالديف', 'MV', 'the Maldives, as Moldova’s common name'],
      ['ca', 'GM', 'República de Zàmbia', 'ZM', 'Zambia, as the Gambia’s official name'],
      ['crh', 'AF', 'Pakistan İslâm Cumhuriyeti', 'PK', 'Pakistan, as Afghanistan’s official name'],
      ['crh', 'DM', 'Dominik Cumhuriyeti', 'DO', 'the Dominican Republic, as Dominica’s official name'],
      ['cy', 'NE', 'Gweriniaeth Nigeria', 'NG', 'Nigeria (Welsh writes Niger "Niger"), as Niger’s official name'],
      ['cy', 'SE', 'Gweriniaeth y Swdan', 'SD', 'Sudan, as Sweden’s official name'],
      ['fa', 'ER', 'فلسطین', 'PS', 'Palestine, as Eritrea’s official name'],
      ['fa', 'GM', 'جمهوری زامبیا', 'ZM', 'Zambia, as the Gambia’s official name'],
      ['fo', 'AS', 'Sámoa', 'WS', 'Samoa, as American Samoa’s short name'],
      ['ga', 'DZ', 'Poblacht Dhaonlathach an Chongó', 'CD', 'the Democratic Republic of the Congo, as Algeria’s official name'],
      ['gl', 'TH', 'Reino de Tanzania', 'TZ', 'Tanzania, as Thailand’s official name'],
      ['gn', 'MY', 'Mexico', 'MX', 'Mexico, as Malaysia’s short name'],
      ['gu', 'KR', 'દક્ષિણ આફ્રિકા', 'ZA', 'South Africa, as South Korea’s common name'],
      ['kk', 'NP', 'Орталық Африка Республикасы', 'CF', 'the Central African Republic, as Nepal’s official name'],
      ['km', 'LY', 'លីបេរីយ៉ា', 'LR', 'Liberia, as Libya’s short and official names'],
      ['kn', 'MX', 'ಹೊಂಡುರಾಸ್', 'HN', 'Honduras, as Mexico’s short name'],
      ['ky', 'CD', 'Конго Республикасы', 'CG', 'the Republic of the Congo, as the Democratic Republic’s short name'],
      ['ky', 'DM', 'Доминикан Республикасы', 'DO', 'the Dominican Republic, as Dominica’s official name'],
      ['mr', 'AM', 'अमेरिका', 'US', 'America, as Armenia’s short name'],
      ['oc', 'AF', 'Republica Dominicana', 'DO', 'the Dominican Republic, as Afghanistan’s official name'],
      ['oc', 'IR', 'Republica Dominicana', 'DO', 'the Dominican Republic, as Iran’s short and official names'],
      ['oc', 'KG', 'Republica Dominicana', 'DO', 'the Dominican Republic, as Kyrgyzstan’s official name'],
      ['oc', 'SY', 'Republica Dominicana', 'DO', 'the Dominican Republic, as Syria’s short name'],
      ['oc', 'NI', 'Paraguai', 'PY', 'Paraguay, as Nicaragua’s official name'],
      ['pa', 'KH', 'ਕੋਲੰਬੀਆ', 'CO', 'Colombia, as Cambodia’s short name'],
      ['ps', 'GN', 'ګیانا', 'GY', 'Guyana (Guinea is ګیني), as Guinea’s short name'],
      ['pt_BR', 'AF', 'República Islâmica do Paquistão', 'PK', 'Pakistan, as Afghanistan’s official name'],
      ['ro', 'NE', 'Republica Nigeria', 'NG', 'Nigeria (Romanian writes Niger "Niger"), as Niger’s official name'],
      ['ta', 'CD', 'காங்கோ குடியரசு', 'CG', 'the Republic of the Congo, as the Democratic Republic’s short name'],
      ['tk', 'FR', 'Fransuz Polineziýasy', 'PF', 'French Polynesia, as France’s official name'],
      ['bn', 'SX', 'সেন্ট মার্টিন (ফ্রেঞ্চ অংশ)', 'MF', 'Saint Martin’s French part, as the Dutch part’s names'],
      ['mr', 'AF', 'इस्लामिक रिपब्लिक ऑफ पाकिस्तान', 'PK', 'Pakistan, as Afghanistan’s official name'],
    ] as const
  ).map(([language, listed, name, actual, why]) => ({ source: `iso-codes:${language}`, name, listed, actual, why: `names ${why}` })),
  ...drop('iso-codes:frp', 'TW', ['Rèpublica de Ch·ina'], "Arpitan for Taiwan: the Republic of China, which customers write for the People's Republic too (the form rule refuses it naming both)"),
  // world-countries' translations that give a country another's name (its own entry for that
  // other country has the name too): dropped, the other sources have both countries right.
  ...drop('wc:pol', 'SS', ['Sudan', 'Republika Sudanu'], "South Sudan's entry repeats Sudan's names"),
  ...drop('wc:nld', 'GF', ['Guyana'], "Guyana's name as French Guiana's official name"),
  ...drop('wc:slk', 'GF', ['Guyana'], "Guyana's name as French Guiana's common name"),
  ...drop('wc:srp', 'GF', ['Gvajana'], "Guyana's name as French Guiana's official name"),
  ...drop('wc:hrv', 'GF', ['Gijana'], "Guyana's name as French Guiana's common name"),
  ...drop('wc:urd', 'GF', ['گیانا'], "Guyana's name as French Guiana's official name"),
  ...drop('wc:hun', 'AS', ['Szamoa'], "Samoa's name for American Samoa (Amerikai Szamoa)"),
  ...drop('wc:hun', 'TZ', ['Tádzsikisztán', 'Tádzsik Köztársaság'], "Tajikistan's names for Tanzania"),
  ...drop('wc:kor', 'IO', ['인도', '인도 공화국'], "India's names for the British Indian Ocean Territory"),
  ...drop('wc:kor', 'GS', ['조지아'], "Georgia's name for South Georgia"),
  ...drop('wc:pol', 'CM', ['WybrzeŻe Kości Słoniowej', 'Republika WybrzeŻa Kości Słoniowej'], "Côte d'Ivoire's names for Cameroon"),
  ...drop('wc:per', 'GN', ['پاپوآ گینه نو', 'مملکت مستقل پاپوآ گینه نو'], "Papua New Guinea's names for Guinea"),
  // i18n-iso-countries' Turkmen list gives a neighbour in the alphabet the same name (its Dhivehi
  // list, which does so for whole runs, is not read: see I18N_LANGUAGES).
  ...drop('i18n:tk', 'IQ', ['Eýran'], 'Iran for Iraq'),
];

function drop(source: string, listed: string, names: readonly string[], why: string) {
  return names.map((name) => ({ source, name, listed, actual: null, why }));
}

/**
 * The countries whose official name names a continent, with CLDR's codes of that continent (the
 * Americas, North America, Northern America): the name may be written with it in any language,
 * "Estados Unidos de Norteamérica", "Соединённые Штаты Северной Америки" (country-continent.ts).
 */
export const CONTINENT_IN_NAME: Readonly<Record<string, readonly string[]>> = { US: ['019', '003', '021'] };
