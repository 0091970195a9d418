/**
 * Real-world country and state spellings the project collected, by source. Each list was written
 * out independently of the mapper's own data (country-data.ts, state-names.ts), so a spelling
 * here tests the index rather than repeating it. One entry per line: `CODE spelling`.
 */

function parse(text: string): Array<[string, string]> {
  return text
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const space = line.indexOf(' ');
      return [line.slice(space + 1), line.slice(0, space)] as [string, string];
    });
}

/** ISO 3166-1 English short names as the ISO Online Browsing Platform writes them, "(the)" and all. */
export const ISO_SHORT_NAMES = parse(`
AF Afghanistan
AX Åland Islands
AL Albania
DZ Algeria
AS American Samoa
AD Andorra
AO Angola
AI Anguilla
AQ Antarctica
AG Antigua and Barbuda
AR Argentina
AM Armenia
AW Aruba
AU Australia
AT Austria
AZ Azerbaijan
BS Bahamas (the)
BH Bahrain
BD Bangladesh
BB Barbados
BY Belarus
BE Belgium
BZ Belize
BJ Benin
BM Bermuda
BT Bhutan
BO Bolivia (Plurinational State of)
BQ Bonaire, Sint Eustatius and Saba
BA Bosnia and Herzegovina
BW Botswana
BV Bouvet Island
BR Brazil
IO British Indian Ocean Territory (the)
BN Brunei Darussalam
BG Bulgaria
BF Burkina Faso
BI Burundi
CV Cabo Verde
KH Cambodia
CM Cameroon
CA Canada
KY Cayman Islands (the)
CF Central African Republic (the)
TD Chad
CL Chile
CN China
CX Christmas Island
CC Cocos (Keeling) Islands (the)
CO Colombia
KM Comoros (the)
CD Congo (the Democratic Republic of the)
CG Congo (the)
CK Cook Islands (the)
CR Costa Rica
CI Côte d'Ivoire
HR Croatia
CU Cuba
CW Curaçao
CY Cyprus
CZ Czechia
DK Denmark
DJ Djibouti
DM Dominica
DO Dominican Republic (the)
EC Ecuador
EG Egypt
SV El Salvador
GQ Equatorial Guinea
ER Eritrea
EE Estonia
SZ Eswatini
ET Ethiopia
FK Falkland Islands (the) [Malvinas]
FO Faroe Islands (the)
FJ Fiji
FI Finland
FR France
GF French Guiana
PF French Polynesia
TF French Southern Territories (the)
GA Gabon
GM Gambia (the)
GE Georgia
DE Germany
GH Ghana
GI Gibraltar
GR Greece
GL Greenland
GD Grenada
GP Guadeloupe
GU Guam
GT Guatemala
GG Guernsey
GN Guinea
GW Guinea-Bissau
GY Guyana
HT Haiti
HM Heard Island and McDonald Islands
VA Holy See (the)
HN Honduras
HK Hong Kong
HU Hungary
IS Iceland
IN India
ID Indonesia
IR Iran (Islamic Republic of)
IQ Iraq
IE Ireland
IM Isle of Man
IL Israel
IT Italy
JM Jamaica
JP Japan
JE Jersey
JO Jordan
KZ Kazakhstan
KE Kenya
KI Kiribati
KP Korea (the Democratic People's Republic of)
KR Korea (the Republic of)
KW Kuwait
KG Kyrgyzstan
LA Lao People's Democratic Republic (the)
LV Latvia
LB Lebanon
LS Lesotho
LR Liberia
LY Libya
LI Liechtenstein
LT Lithuania
LU Luxembourg
MO Macao
MK North Macedonia
MG Madagascar
MW Malawi
MY Malaysia
MV Maldives
ML Mali
MT Malta
MH Marshall Islands (the)
MQ Martinique
MR Mauritania
MU Mauritius
YT Mayotte
MX Mexico
FM Micronesia (Federated States of)
MD Moldova (the Republic of)
MC Monaco
MN Mongolia
ME Montenegro
MS Montserrat
MA Morocco
MZ Mozambique
MM Myanmar
NA Namibia
NR Nauru
NP Nepal
NL Netherlands (Kingdom of the)
NC New Caledonia
NZ New Zealand
NI Nicaragua
NE Niger (the)
NG Nigeria
NU Niue
NF Norfolk Island
MP Northern Mariana Islands (the)
NO Norway
OM Oman
PK Pakistan
PW Palau
PS Palestine, State of
PA Panama
PG Papua New Guinea
PY Paraguay
PE Peru
PH Philippines (the)
PN Pitcairn
PL Poland
PT Portugal
PR Puerto Rico
QA Qatar
RE Réunion
RO Romania
RU Russian Federation (the)
RW Rwanda
BL Saint Barthélemy
SH Saint Helena, Ascension and Tristan da Cunha
KN Saint Kitts and Nevis
LC Saint Lucia
MF Saint Martin (French part)
PM Saint Pierre and Miquelon
VC Saint Vincent and the Grenadines
WS Samoa
SM San Marino
ST Sao Tome and Principe
SA Saudi Arabia
SN Senegal
RS Serbia
SC Seychelles
SL Sierra Leone
SG Singapore
SX Sint Maarten (Dutch part)
SK Slovakia
SI Slovenia
SB Solomon Islands
SO Somalia
ZA South Africa
GS South Georgia and the South Sandwich Islands
SS South Sudan
ES Spain
LK Sri Lanka
SD Sudan (the)
SR Suriname
SJ Svalbard and Jan Mayen
SE Sweden
CH Switzerland
SY Syrian Arab Republic (the)
TW Taiwan (Province of China)
TJ Tajikistan
TZ Tanzania, the United Republic of
TH Thailand
TL Timor-Leste
TG Togo
TK Tokelau
TO Tonga
TT Trinidad and Tobago
TN Tunisia
TR Türkiye
TM Turkmenistan
TC Turks and Caicos Islands (the)
TV Tuvalu
UG Uganda
UA Ukraine
AE United Arab Emirates (the)
GB United Kingdom of Great Britain and Northern Ireland (the)
UM United States Minor Outlying Islands (the)
US United States of America (the)
UY Uruguay
UZ Uzbekistan
VU Vanuatu
VE Venezuela (Bolivarian Republic of)
VN Viet Nam
VG Virgin Islands (British)
VI Virgin Islands (U.S.)
WF Wallis and Futuna
EH Western Sahara
YE Yemen
ZM Zambia
ZW Zimbabwe
`);

/** ISO/UN official ("full") names, typed as people paste them: with "The", inverted, in capitals. */
export const OFFICIAL_NAMES = parse(`
AF the Islamic Republic of Afghanistan
AL the Republic of Albania
DZ the People's Democratic Republic of Algeria
AD the Principality of Andorra
AO the Republic of Angola
AR the Argentine Republic
AM the Republic of Armenia
AT the Republic of Austria
AZ the Republic of Azerbaijan
BH the Kingdom of Bahrain
BD the People's Republic of Bangladesh
BY the Republic of Belarus
BE the Kingdom of Belgium
BJ the Republic of Benin
BT the Kingdom of Bhutan
BO the Plurinational State of Bolivia
BW the Republic of Botswana
BR the Federative Republic of Brazil
BG the Republic of Bulgaria
BI the Republic of Burundi
CV the Republic of Cabo Verde
KH the Kingdom of Cambodia
CM the Republic of Cameroon
TD the Republic of Chad
CL the Republic of Chile
CN the People's Republic of China
CO the Republic of Colombia
KM the Union of the Comoros
CD the Democratic Republic of the Congo
CG the Republic of the Congo
CR the Republic of Costa Rica
CI the Republic of Côte d'Ivoire
HR the Republic of Croatia
CU the Republic of Cuba
CY the Republic of Cyprus
CZ the Czech Republic
DK the Kingdom of Denmark
DJ the Republic of Djibouti
DM the Commonwealth of Dominica
EC the Republic of Ecuador
EG the Arab Republic of Egypt
SV the Republic of El Salvador
GQ the Republic of Equatorial Guinea
ER the State of Eritrea
EE the Republic of Estonia
SZ the Kingdom of Eswatini
ET the Federal Democratic Republic of Ethiopia
FJ the Republic of Fiji
FI the Republic of Finland
FR the French Republic
GA the Gabonese Republic
GM the Republic of the Gambia
DE the Federal Republic of Germany
GH the Republic of Ghana
GR the Hellenic Republic
GT the Republic of Guatemala
GN the Republic of Guinea
GW the Republic of Guinea-Bissau
GY the Co-operative Republic of Guyana
HT the Republic of Haiti
HN the Republic of Honduras
HK the Hong Kong Special Administrative Region of China
IN the Republic of India
ID the Republic of Indonesia
IR the Islamic Republic of Iran
IQ the Republic of Iraq
IL the State of Israel
IT the Italian Republic
JO the Hashemite Kingdom of Jordan
KZ the Republic of Kazakhstan
KE the Republic of Kenya
KI the Republic of Kiribati
KP the Democratic People's Republic of Korea
KR the Republic of Korea
KW the State of Kuwait
KG the Kyrgyz Republic
LA the Lao People's Democratic Republic
LV the Republic of Latvia
LB the Lebanese Republic
LS the Kingdom of Lesotho
LR the Republic of Liberia
LY the State of Libya
LI the Principality of Liechtenstein
LT the Republic of Lithuania
LU the Grand Duchy of Luxembourg
MO the Macao Special Administrative Region of China
MG the Republic of Madagascar
MW the Republic of Malawi
MV the Republic of Maldives
ML the Republic of Mali
MT the Republic of Malta
MH the Republic of the Marshall Islands
MR the Islamic Republic of Mauritania
MU the Republic of Mauritius
MX the United Mexican States
FM the Federated States of Micronesia
MD the Republic of Moldova
MC the Principality of Monaco
MA the Kingdom of Morocco
MZ the Republic of Mozambique
MM the Republic of the Union of Myanmar
NA the Republic of Namibia
NR the Republic of Nauru
NP the Federal Democratic Republic of Nepal
NL the Kingdom of the Netherlands
NI the Republic of Nicaragua
NE the Republic of the Niger
NG the Federal Republic of Nigeria
MK the Republic of North Macedonia
NO the Kingdom of Norway
OM the Sultanate of Oman
PK the Islamic Republic of Pakistan
PW the Republic of Palau
PS the State of Palestine
PA the Republic of Panama
PG the Independent State of Papua New Guinea
PY the Republic of Paraguay
PE the Republic of Peru
PH the Republic of the Philippines
PL the Republic of Poland
PT the Portuguese Republic
QA the State of Qatar
RW the Republic of Rwanda
WS the Independent State of Samoa
SM the Republic of San Marino
ST the Democratic Republic of São Tomé and Príncipe
SA the Kingdom of Saudi Arabia
SN the Republic of Senegal
RS the Republic of Serbia
SC the Republic of Seychelles
SL the Republic of Sierra Leone
SG the Republic of Singapore
SK the Slovak Republic
SI the Republic of Slovenia
SO the Federal Republic of Somalia
ZA the Republic of South Africa
SS the Republic of South Sudan
ES the Kingdom of Spain
LK the Democratic Socialist Republic of Sri Lanka
SD the Republic of the Sudan
SR the Republic of Suriname
SE the Kingdom of Sweden
CH the Swiss Confederation
SY the Syrian Arab Republic
TJ the Republic of Tajikistan
TZ the United Republic of Tanzania
TH the Kingdom of Thailand
TL the Democratic Republic of Timor-Leste
TG the Togolese Republic
TO the Kingdom of Tonga
TT the Republic of Trinidad and Tobago
TN the Republic of Tunisia
TR the Republic of Türkiye
UG the Republic of Uganda
GB the United Kingdom of Great Britain and Northern Ireland
US the United States of America
UY the Eastern Republic of Uruguay
UZ the Republic of Uzbekistan
VU the Republic of Vanuatu
VE the Bolivarian Republic of Venezuela
VN the Socialist Republic of Viet Nam
YE the Republic of Yemen
ZM the Republic of Zambia
ZW the Republic of Zimbabwe
ZW REPUBLIC OF ZIMBABWE
DE FEDERAL REPUBLIC OF GERMANY
ES KINGDOM OF SPAIN
TZ Tanzania, United Republic of
CD Congo, Democratic Republic of the
CD Congo, The Democratic Republic of the
KP Korea, Democratic People's Republic of
KR Korea, Republic of
IR Iran, Islamic Republic of
MD Moldova, Republic of
FM Micronesia, Federated States of
VE Venezuela, Bolivarian Republic of
BO Bolivia, Plurinational State of
PS Palestine, State of
VG Virgin Islands, British
VI Virgin Islands, U.S.
TW Taiwan, Province of China
MK Macedonia, the former Yugoslav Republic of
`);

/** Common English variants from CRM exports, shipping forms and invoices. */
export const ENGLISH_VARIANTS = parse(`
US USA
US U.S.A.
US U.S.
US United States
US America
US the United States
US United States Of America
US US of A
GB UK
GB U.K.
GB Great Britain
GB Britain
GB England
GB Scotland
GB Wales
GB Northern Ireland
GB United Kingdom
AE UAE
AE U.A.E.
AE Emirates
VG British Virgin Islands
VG BVI
VI U.S. Virgin Islands
VI US Virgin Islands
VI USVI
CD Congo (DRC)
CD DRC
CD DR Congo
CD Democratic Republic of Congo
CD Congo-Kinshasa
CG Congo-Brazzaville
CG Republic of Congo
CG Congo (Republic)
HK Hong Kong SAR China
HK Hong Kong SAR
HK Hong Kong, China
MO Macau
MO Macao SAR China
MO Macau SAR
VC St. Vincent & Grenadines
VC St Vincent and the Grenadines
VC Saint Vincent & the Grenadines
KN St. Kitts & Nevis
KN St Kitts and Nevis
LC St. Lucia
LC St Lucia
PM St. Pierre & Miquelon
BL St. Barthélemy
BL St. Barts
SH St. Helena
TT Trinidad & Tobago
AG Antigua & Barbuda
BA Bosnia & Herzegovina
BA Bosnia-Herzegovina
TC Turks & Caicos Islands
ST São Tomé & Príncipe
WF Wallis & Futuna
SJ Svalbard & Jan Mayen
HM Heard & McDonald Islands
GS South Georgia & South Sandwich Islands
CI Ivory Coast
CI Cote d'Ivoire
CZ Czech Republic
MK Macedonia
MK North Macedonia
SZ Swaziland
MM Burma
CV Cape Verde
TL East Timor
VA Vatican City
VA Vatican
NL Holland
NL The Netherlands
KR South Korea
KP North Korea
RU Russia
SY Syria
LA Laos
IR Iran
MD Moldova
TZ Tanzania
VN Vietnam
BN Brunei
BO Bolivia
VE Venezuela
FM Micronesia
PS Palestine
PS Palestinian Territories
TW Taiwan
KN Saint Kitts
FK Falkland Islands
FK Falklands
GM The Gambia
BS The Bahamas
PH The Philippines
IE Republic of Ireland
IE Eire
CN PRC
CN Mainland China
TR Turkey
TR Turkiye
XK Kosovo
`);

/** Native names written out by hand for the larger economies (endonyms, in their own scripts). */
export const NATIVE_NAMES = parse(`
DE Deutschland
DE Bundesrepublik Deutschland
AT Österreich
CH Schweiz
CH Suisse
CH Svizzera
CH Confoederatio Helvetica
FR France
FR République française
ES España
ES Reino de España
IT Italia
IT Repubblica Italiana
PT Portugal
NL Nederland
BE België
BE Belgique
LU Lëtzebuerg
DK Danmark
SE Sverige
NO Norge
FI Suomi
IS Ísland
IE Éire
PL Polska
CZ Česko
CZ Česká republika
SK Slovensko
HU Magyarország
RO România
BG България
GR Ελλάδα
GR Ελληνική Δημοκρατία
HR Hrvatska
SI Slovenija
RS Србија
RS Srbija
BA Bosna i Hercegovina
ME Crna Gora
MK Северна Македонија
AL Shqipëria
EE Eesti
LV Latvija
LT Lietuva
UA Україна
BY Беларусь
RU Россия
RU Российская Федерация
MD Moldova
GE საქართველო
AM Հայաստան
AZ Azərbaycan
TR Türkiye
KZ Қазақстан
UZ Oʻzbekiston
IL ישראל
SA المملكة العربية السعودية
AE الإمارات العربية المتحدة
EG مصر
JO الأردن
LB لبنان
QA قطر
KW الكويت
MA المغرب
DZ الجزائر
TN تونس
IQ العراق
IR ایران
PK پاکستان
IN भारत
IN Bhārat
BD বাংলাদেশ
LK ශ්‍රී ලංකාව
NP नेपाल
TH ประเทศไทย
VN Việt Nam
KH កម្ពុជា
LA ລາວ
MM မြန်မာ
MY Malaysia
ID Indonesia
PH Pilipinas
SG Singapore
CN 中国
CN 中华人民共和国
TW 臺灣
TW 台灣
HK 香港
MO 澳門
JP 日本
JP 日本国
KR 대한민국
KR 한국
KP 조선민주주의인민공화국
MN Монгол Улс
BR Brasil
MX México
AR Argentina
CL Chile
CO Colombia
PE Perú
VE Venezuela
EC Ecuador
BO Bolivia
UY Uruguay
PY Paraguay
CU Cuba
DO República Dominicana
PR Puerto Rico
ET ኢትዮጵያ
KE Kenya
TZ Tanzania
ZA South Africa
NG Nigeria
GH Ghana
`);

/** Names people type in other languages that the issue reported as refused, plus the rest of its list. */
export const ISSUE_CASES = parse(`
CD República Democrática do Congo
CG República Popular do Congo
RU Nga
VG British Virgin Islands
VI U.S. Virgin Islands
TZ Tanzania, United Republic of
CD Congo, Democratic Republic of the
KP Korea, Democratic People's Republic of
PS Palestine, State of
RU Russian Federation (the)
CD Congo (DRC)
HK Hong Kong SAR China
VC St. Vincent & Grenadines
ZW Republic of Zimbabwe
DE Federal Republic of Germany
ES Kingdom of Spain
KR 韓国
RU ロシア
CN Китай
KR Corea del Sur
SA Arabia Saudí
KR 대한민국
SA السعودية
IL ישראל
IN भारत
TH ไทย
GR Ελλάδα
UA Україна
TR Türkiye
HU Magyarország
DE Almanya
DE Németország
DE Німеччина
`);

/**
 * World Bank and UN statistical forms ("Korea, Rep.", "Congo, Dem. Rep."), CRM "name (native name)"
 * pairs, abbreviations. Written as a held-out check after the index was first built: about half
 * resolved then, none wrong; the generic rules for abbreviations and "A (B)" pairs, and a few
 * variants, were added because of it.
 */
export const WORLD_BANK_AND_CRM = parse(`
KR S. Korea
KR Rep. of Korea
KR Korea Rep.
KR Korea, Rep.
KP Korea, Dem. People's Rep.
KR Republic of Korea (South Korea)
CD Dem. Rep. Congo
CD Congo, Dem. Rep.
CG Congo, Rep.
CD République démocratique du Congo
CD Republique Democratique du Congo
CI Côte-d'Ivoire
CI Cote D'Ivoire
EG Egypt, Arab Rep.
IR Iran, Islamic Rep.
YE Yemen, Rep.
VE Venezuela, RB
GM Gambia, The
BS Bahamas, The
HK Hong Kong SAR, China
MO Macao SAR, China
KG Kyrgyz Republic
SK Slovak Republic
LA Lao PDR
MK N. Macedonia
FM Micronesia, Fed. Sts.
VC St. Vincent and the Grenadines
MF St. Martin (French part)
TR Turkiye
SY Syrian Arab Republic
PS West Bank and Gaza
US U.S.A
US United States of America (USA)
GB United Kingdom (UK)
GB U.K
GB Great Britain (UK)
DE Germany (Deutschland)
NL Netherlands (Holland)
NL Nederland (Netherlands)
CH Switzerland (Schweiz)
AE U.A.E
AE United Arab Emirates (UAE)
SA KSA
SA Kingdom of Saudi Arabia (KSA)
CN China (PRC)
CN P.R.C.
CN People's Rep. of China
TW Taiwan (R.O.C.)
TW Taiwan, Republic of China
BR Brasil (Brazil)
MX Mexico (México)
JP Japan (日本)
ES Espana
ES ESPAÑA
FR FRANCE
BE Belgium (België)
AT Oesterreich
DK Denmark (Danmark)
SE Sweden (Sverige)
NO Norway (Norge)
FI Finland (Suomi)
PL Poland (Polska)
CZ Czech Rep.
HU Hungary (Magyarország)
GR Greece (Hellas)
IE Ireland (Eire)
IL Israel (ישראל)
ZA RSA
ZA S. Africa
NZ N.Z.
NZ Aotearoa
PH Phillipines
`);

/**
 * Country names in other languages as CRM users type them (exonyms and official forms), written as a
 * second held-out check after the rules above: 114 of 125 resolved (91%), none wrong; the foreign
 * official names in country-data.ts were added because of it.
 */
export const OTHER_LANGUAGES = parse(`
US United States (US)
US U. S. A.
US Estados Unidos de América
US Vereinigte Staaten von Amerika
US Etats-Unis d'Amerique
US Stati Uniti d'America
US Соединённые Штаты Америки
US 美國
US アメリカ合衆国
GB Reino Unido de Gran Bretaña
GB Vereinigtes Königreich
GB Royaume Uni
GB Regno Unito
GB Verenigd Koninkrijk
GB Storbritannien
GB Wielka Brytania
GB 英国
DE Republica Federal de Alemania
DE République fédérale d'Allemagne
DE Alemanha
DE Tyskland
DE 德國
FR Frankrike
FR Frankrijk
FR Francja
FR フランス
FR Французская Республика
ES Spanien
ES Espanha
ES Hiszpania
ES Испания
IT Italien
IT Włochy
IT Италия
IT イタリア
NL Pays Bas
NL Países Bajos
NL Paesi Bassi
NL Nizozemsko
NL Holandia
CH Schweizerische Eidgenossenschaft
CH Suiza
CH Szwajcaria
AT Autriche
AT Austria (Österreich)
BE Belgien
BE Bélgica
SE Suède
NO Norvège
DK Dänemark
FI Finnland
IE Irlanda
IE Irland
PL Pologne
PL Polen
CZ Tschechische Republik
CZ République tchèque
PT Portugalsko
GR Griechenland
GR Grèce
TR Turquía
TR Türkei
RU Russische Föderation
RU Rusia
RU Russie
UA Ukraina
UA Ucrania
IN Inde
IN Indien
IN Indie
CN Volksrepublik China
CN Chine
CN República Popular China
JP Japon
JP Japão
JP Giappone
KR Südkorea
KR Corée du Sud
KR Republik Korea
KP Nordkorea
KP Corée du Nord
BR Brésil
BR Brasilien
MX Mexique
MX Mexiko
MX Estados Unidos Mexicanos (México)
AR República Argentina
CA Kanada
CA Канада
AU Australien
AU Australie
NZ Nouvelle-Zélande
NZ Neuseeland
ZA Südafrika
ZA Afrique du Sud
ZA Sudáfrica
AE Vereinigte Arabische Emirate
AE Emirats arabes unis
AE Emiratos Árabes Unidos
SA Saudi-Arabien
SA Arabie saoudite
IL Israël
EG Ägypten
EG Égypte
SG Singapur
SG Singapour
HK Hongkong
TW Taïwan
VN Viêt Nam
TH Thaïlande
ID Indonésie
MY Malaisie
PH Philippinen
PH Filipinas
NG Nigéria
KE Kenia
MA Maroc
MA Marruecos
CI Elfenbeinküste
CI Costa de Marfil
CI Costa do Marfim
CD Demokratische Republik Kongo
CD RD del Congo
CG Republik Kongo
CG République du Congo
`);

/**
 * Free-form CRM entries ("US - United States", "Germany / Deutschland", "Dubai, UAE"), a third
 * held-out check written after everything above: 32 of 44 resolved (73%), none wrong; the " - " and
 * " / " pairs and four variants were added because of it. "City, Country" stays unresolved on
 * purpose: "Atlanta, Georgia" is not in Georgia the country.
 */
export const FREE_FORM = parse(`
US US - United States
US United States - US
US UNITED STATES OF AMERICA
US America (USA)
US Amerika
GB UK - United Kingdom
GB England (UK)
GB Scotland, UK
GB Great Britain & Northern Ireland
DE DE - Germany
DE Germany / Deutschland
DE Bundesrepublik
FR France (FR)
FR Republique Francaise
ES Spain (España)
IT Italy (IT)
NL The Netherlands (NL)
NL Holland, Netherlands
BE Belgium - België
CH Swiss
CH Switzerland, CH
AT Republic of Austria (Österreich)
SE Konungariket Sverige (Sweden)
IE Irish Republic
PL Poland, Republic of
CZ Czech
CA Canada (CA)
CA CANADA
MX Mexico City, Mexico
AU Commonwealth of Australia (AU)
NZ New Zealand (Aotearoa)
JP Nippon (Japan)
CN China, People's Republic of
HK Hong Kong S.A.R.
SG Republic of Singapore (SG)
IN India (Bharat)
AE Dubai, UAE
SA Saudi
IL Israel, State of
ZA South Africa (RSA)
BR Brazil, Federative Republic of
AR Argentina (República Argentina)
KR Korea (Republic of Korea)
TW Taiwan (ROC)
`);

/** Spellings that name two countries: refused, with every candidate named. `CODES spelling`. */
export const AMBIGUOUS = parse(`
CD,CG Congo
CD,CG Kongo
CD,CG the Congo
KP,KR Korea
KP,KR Corea
KP,KR Coreia
KP,KR Corée
KP,KR Корея
MF,SX Saint Martin
MF,SX St. Martin
MF,SX St Martin
MF,SX San Martín
VG,VI Virgin Islands
CN,TW Republic of China
NG,RU NGA
BQ,CW,SX Netherlands Antilles
ME,RS Serbia and Montenegro
CZ,SK Czechoslovakia
CN,SG SIN
IM,MC MON
`).map(([spelling, codes]) => [spelling, codes.split(',')] as [string, string[]]);

/** US state abbreviations: USPS codes, AP style, GPO style and older forms; Canadian postal and French forms. */
export const STATE_SPELLINGS = parse(`
AL Ala.
AK Alaska
AZ Ariz.
AR Ark.
CA Calif.
CA Cal.
CO Colo.
CO Col.
CT Conn.
DE Del.
DC D.C.
FL Fla.
GA Ga.
HI Hawaii
ID Idaho
IL Ill.
IN Ind.
IA Iowa
IA Ia.
KS Kan.
KS Kans.
KY Ky.
KY Kent.
LA La.
ME Maine
ME Me.
MD Md.
MA Mass.
MI Mich.
MN Minn.
MS Miss.
MO Mo.
MT Mont.
NE Neb.
NE Nebr.
NV Nev.
NH N.H.
NJ N.J.
NM N.M.
NM N. Mex.
NY N.Y.
NC N.C.
ND N.D.
ND N. Dak.
ND N.Dak.
ND NoDak
SD SoDak
SD S. Dak.
OH Ohio
OK Okla.
OR Ore.
OR Oreg.
PA Pa.
PA Penn.
PA Penna.
RI R.I.
SC S.C.
SD S.D.
TN Tenn.
TX Tex.
UT Utah
VT Vt.
VA Va.
WA Wash.
WV W.Va.
WV W. Va.
WI Wis.
WI Wisc.
WY Wyo.
CA Californie
CA Kalifornien
NY Nueva York
NY Nowy Jork
NY Nova Iorque
FL Floride
TX Teksas
PA Pensilvania
PA Pennsylvanie
NC Carolina del Norte
NC Caroline du Nord
SC Carolina del Sur
ND Dakota del Norte
SD Dakota du Sud
NM Nuevo México
NM Nouveau-Mexique
WV Virginia Occidental
WV Virginie-Occidentale
LA Louisiane
LA Luisiana
HI Hawaï
HI Hawái
GA Géorgie
QC Québec
QC Quebec
QC Qué.
ON Ont.
BC Colombie-Britannique
BC B.C.
BC Columbia Británica
BC Britisch-Kolumbien
NL Terranova
NL Terre-Neuve-et-Labrador
NL Nfld.
NS Nouvelle-Écosse
NS Nueva Escocia
NB Nouveau-Brunswick
PE Île-du-Prince-Édouard
PE P.E.I.
NT Territoires du Nord-Ouest
AB Alta.
MB Man.
SK Sask.
YT Yuk.
CA カリフォルニア州
NY 纽约州
TX Техас
`);
