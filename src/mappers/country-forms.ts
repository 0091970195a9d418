/**
 * Official long names are a country's name inside a state form: "Republika Angola", "Reino de
 * Marruecos", "Kraljevina Nizozemska", "Yunanistan Cumhuriyeti", "پادشاهی هلند", "스페인 왕국",
 * "荷兰王国", "สาธารณรัฐอินเดีย". When no source lists the long form, the words of the form (and the
 * qualifiers that go with it: "Islamic", "Federal", "People's"...) are taken off both ends; what is
 * left must be a name of one country (whole, or with a case ending or as an adjective: see
 * country-stems.ts). Only whole words come off, and only when a form word is among them: "United
 * Arab Emirates" is never read as "Emirates".
 *
 * The vocabulary below is the same list of concepts (republic, kingdom, federation, principality,
 * grand duchy, state, sultanate, emirate, union; federal, people's, democratic, Islamic, Arab,
 * socialist, united...) in each language, with the inflected forms official names use, and the
 * romanised form words of the languages whose names are often written in Latin letters.
 */
import { foldKey, lowerNfkd } from './country-keys';

/** What the rules need to know about a word beyond "it is part of a state form". */
type Flag = 'republic' | 'kingdom' | 'state' | 'states' | 'emirates' | 'peoples' | 'democratic' | 'united';
type Concept =
  | 'republic'
  | 'kingdom'
  | 'state'
  | 'states'
  | 'emirates'
  | 'forms'
  | 'peoples'
  | 'democratic'
  | 'united'
  | 'qualifiers'
  | 'links';

const CONCEPTS: Record<Concept, { kind: 'form' | 'qualifier' | 'link'; flag?: Flag }> = {
  republic: { kind: 'form', flag: 'republic' },
  kingdom: { kind: 'form', flag: 'kingdom' },
  state: { kind: 'form', flag: 'state' },
  states: { kind: 'form', flag: 'states' },
  emirates: { kind: 'form', flag: 'emirates' },
  forms: { kind: 'form' },
  peoples: { kind: 'qualifier', flag: 'peoples' },
  democratic: { kind: 'qualifier', flag: 'democratic' },
  united: { kind: 'qualifier', flag: 'united' },
  qualifiers: { kind: 'qualifier' },
  links: { kind: 'link' },
};

/**
 * Per language, the words of each concept, `|` between entries (an entry may be several words:
 * "grand duchy"). `forms`: federation, confederation, principality, grand duchy, sultanate, emirate,
 * union, commonwealth and the compound forms ("Bundesrepublik"). `qualifiers`: federal, Islamic,
 * Arab, socialist, plurinational, Bolivarian, independent, Hashemite, oriental, co-operative.
 */
const VOCABULARY: Record<string, Partial<Record<Concept, string>>> = {
  en: {
    republic: 'republic',
    kingdom: 'kingdom',
    state: 'state',
    states: 'states',
    forms: 'federation|confederation|principality|grand duchy|duchy|sultanate|emirate|emirates|union|commonwealth|jamahiriya|territory|collectivity|overseas collectivity|department|overseas department|bailiwick|crown dependency|special administrative region|free state|associated free state|country',
    peoples: 'people|peoples',
    democratic: 'democratic',
    united: 'united',
    qualifiers: 'federal|federative|federated|islamic|arab|socialist|plurinational|bolivarian|independent|hashemite|oriental|eastern|co operative|cooperative|great',
    links: 'of|the|and|s',
  },
  fr: {
    republic: 'république',
    kingdom: 'royaume',
    state: 'état',
    states: 'états',
    forms: 'fédération|confédération|principauté|grand duché|duché|sultanat|émirat|émirats|union|commonwealth|territoire|collectivité|collectivité d outre mer|département|département d outre mer|bailliage|dépendance de la couronne|région administrative spéciale|pays|état libre associé',
    peoples: 'populaire',
    democratic: 'démocratique',
    united: 'unis|uni|unie|unies',
    qualifiers: 'fédérale|fédéral|fédérative|islamique|arabe|socialiste|plurinational|bolivarienne|indépendant|hachémite|orientale|coopérative',
    links: 'de|du|des|d|la|le|l|les|et',
  },
  es: {
    republic: 'república',
    kingdom: 'reino',
    state: 'estado',
    states: 'estados',
    forms: 'federación|confederación|principado|gran ducado|ducado|sultanato|emirato|emiratos|unión|mancomunidad|territorio|colectividad|departamento|bailía|dependencia de la corona|región administrativa especial|país|estado libre asociado',
    peoples: 'popular',
    democratic: 'democrática',
    united: 'unidos|unido|unida',
    qualifiers: 'federal|federativa|islámica|árabe|socialista|plurinacional|bolivariana|independiente|hachemita|oriental|cooperativa',
    links: 'de|del|la|el|los|las|y|e',
  },
  pt: {
    republic: 'república',
    kingdom: 'reino',
    state: 'estado',
    states: 'estados',
    forms: 'federação|confederação|principado|grão ducado|ducado|sultanato|emirado|emirados|união|comunidade|território|coletividade|departamento|bailiado|região administrativa especial|país|estado livre associado',
    peoples: 'popular',
    democratic: 'democrática',
    united: 'unidos|unido',
    qualifiers: 'federal|federativa|islâmica|árabe|socialista|plurinacional|bolivariana|independente|haxemita|hachemita|oriental|cooperativa',
    links: 'de|do|da|dos|das|e',
  },
  it: {
    republic: 'repubblica',
    kingdom: 'regno',
    state: 'stato',
    states: 'stati',
    forms: 'federazione|confederazione|principato|granducato|gran ducato|ducato|sultanato|emirato|emirati|unione|territorio|collettività|dipartimento|baliato|regione amministrativa speciale|paese',
    peoples: 'popolare',
    democratic: 'democratica',
    united: 'uniti|unito',
    qualifiers: 'federale|federativa|islamica|araba|socialista|plurinazionale|bolivariana|indipendente|hascemita|orientale|cooperativa',
    links: 'di|del|della|dell|dei|degli|d|e|ed|l',
  },
  de: {
    republic: 'republik|bundesrepublik',
    kingdom: 'königreich',
    state: 'staat',
    states: 'staaten',
    forms: 'föderation|konföderation|eidgenossenschaft|fürstentum|großherzogtum|herzogtum|sultanat|emirat|emirate|union|volksrepublik|bundesstaat|gebiet|gebietskörperschaft|überseegebiet|übersee département|vogtei|kronbesitz|sonderverwaltungszone|sonderverwaltungsregion|freistaat|land',
    peoples: 'volksrepublik',
    democratic: 'demokratische|demokratischen',
    united: 'vereinigte|vereinigtes|vereinigten',
    qualifiers: 'föderative|islamische|arabische|sozialistische|plurinationaler|bolivarische|unabhängiger|unabhängige|haschemitisches|kooperative',
    links: 'der|des|von|und|dem|den',
  },
  nl: {
    republic: 'republiek|bondsrepubliek',
    kingdom: 'koninkrijk',
    state: 'staat',
    states: 'staten',
    forms: 'federatie|confederatie|vorstendom|groothertogdom|hertogdom|sultanaat|emiraat|emiraten|unie|gemenebest|volksrepubliek|gebied|territorium|land|gemeenschap|departement|baljuwschap|speciale bestuurlijke regio',
    peoples: 'volksrepubliek',
    democratic: 'democratische',
    united: 'verenigde|verenigd',
    qualifiers: 'federale|federatieve|islamitische|arabische|socialistische|plurinationale|bolivariaanse|onafhankelijke|hasjemitisch|coöperatieve',
    links: 'van|de|het|der|en',
  },
  sv: {
    republic: 'republik|republiken|förbundsrepubliken|folkrepubliken|arabrepubliken',
    kingdom: 'kungariket|konungariket|kungarike|konungarike',
    state: 'staten',
    states: 'staterna|stater',
    forms: 'federation|federationen|edsförbundet|furstendömet|storhertigdömet|sultanatet|emiratet|emiraten|unionen|samväldet',
    peoples: 'folkrepubliken',
    democratic: 'demokratiska',
    united: 'förenade|förenta',
    qualifiers: 'federala|islamiska|arabiska|socialistiska|plurinationella|bolivarianska|oberoende|hashimitiska|kooperativa',
    links: 'och|av|den|det|de',
  },
  da: {
    republic: 'republik|republikken|forbundsrepublikken|folkerepublikken',
    kingdom: 'kongeriget|kongerige',
    state: 'staten',
    states: 'stater',
    forms: 'føderation|føderationen|edsforbund|edsforbundet|fyrstendømmet|fyrstedømmet|storhertugdømmet|sultanatet|emiratet|emiraterne|unionen',
    peoples: 'folkerepublikken',
    democratic: 'demokratiske',
    united: 'forenede',
    qualifiers: 'føderale|islamiske|arabiske|socialistiske|uafhængige',
    links: 'og|af|den|det|de',
  },
  no: {
    republic: 'republikk|republikken|forbundsrepublikken|folkerepublikken',
    kingdom: 'kongeriket|kongerike',
    state: 'staten',
    states: 'stater',
    forms: 'føderasjon|føderasjonen|edsforbund|fyrstedømmet|storhertugdømmet|sultanatet|emiratet|emiratene|unionen',
    peoples: 'folkerepublikken',
    democratic: 'demokratiske',
    united: 'forente|sameinte',
    qualifiers: 'føderale|islamske|arabiske|sosialistiske|uavhengige',
    links: 'og|av|den|det|de',
  },
  is: {
    republic: 'lýðveldið|lýðveldi|sambandslýðveldið|alþýðulýðveldið',
    kingdom: 'konungsríkið|konungsríki',
    state: 'ríkið',
    states: 'ríkin',
    forms: 'furstadæmið|stórhertogadæmið|soldánsdæmið|sambandsríkið',
    peoples: 'alþýðulýðveldið',
    united: 'sameinaða|sameinuðu',
    links: 'og',
  },
  fi: {
    republic: 'tasavalta|liittotasavalta|kansantasavalta|arabitasavalta',
    kingdom: 'kuningaskunta',
    state: 'valtio',
    states: 'yhdysvallat|valtiot',
    forms: 'federaatio|valaliitto|ruhtinaskunta|suurherttuakunta|sulttaanikunta|emiirikunta|liittovaltio|kansainyhteisö|unioni',
    peoples: 'kansantasavalta|kansan',
    democratic: 'demokraattinen',
    united: 'yhdistynyt|yhdistyneet',
    qualifiers: 'islamilainen|sosialistinen|federatiivinen|arabi',
    links: 'ja',
  },
  et: {
    republic: 'vabariik|liitvabariik|rahvavabariik|islamivabariik',
    kingdom: 'kuningriik|ühendkuningriik',
    state: 'riik',
    states: 'ühendriigid',
    forms: 'föderatsioon|konföderatsioon|vürstiriik|suurhertsogiriik|sultaniriik|emiraat',
    peoples: 'rahvavabariik',
    democratic: 'demokraatlik',
    united: 'ühendatud',
    qualifiers: 'sotsialistlik|islami|araabia',
    links: 'ja',
  },
  hu: {
    republic: 'köztársaság|népköztársaság',
    kingdom: 'királyság',
    state: 'állam',
    states: 'államok',
    forms: 'föderáció|államszövetség|hercegség|nagyhercegség|fejedelemség|szultánság|emírség|unió',
    peoples: 'népköztársaság|népi',
    democratic: 'demokratikus',
    united: 'egyesült',
    qualifiers: 'szövetségi|iszlám|arab|szocialista|független|hasimita',
    links: 'és|a|az',
  },
  pl: {
    republic: 'republika',
    kingdom: 'królestwo',
    state: 'państwo',
    states: 'stany',
    forms: 'federacja|konfederacja|księstwo|wielkie księstwo|sułtanat|emirat|emiraty|unia|wspólnota',
    peoples: 'ludowa|ludowo',
    democratic: 'demokratyczna',
    united: 'zjednoczone|zjednoczona|zjednoczonych',
    qualifiers: 'federalna|federacyjna|islamska|arabska|socjalistyczna|wielonarodowe|boliwariańska|niepodległe|haszymidzkie|wschodnia',
    links: 'i',
  },
  cs: {
    republic: 'republika',
    kingdom: 'království',
    state: 'stát',
    states: 'státy',
    forms: 'federace|konfederace|knížectví|velkovévodství|vévodství|sultanát|emirát|emiráty|unie|společenství',
    peoples: 'lidová|lidově',
    democratic: 'demokratická',
    united: 'spojené|spojených',
    qualifiers: 'spolková|federativní|islámská|arabská|socialistická|mnohonárodní|bolívarovská|nezávislý|hášimovské|východní',
    links: 'a',
  },
  sk: {
    republic: 'republika',
    kingdom: 'kráľovstvo',
    state: 'štát',
    states: 'štáty',
    forms: 'federácia|konfederácia|kniežatstvo|veľkovojvodstvo|vojvodstvo|sultanát|emirát|emiráty|únia|spoločenstvo',
    peoples: 'ľudová|ľudovo',
    democratic: 'demokratická',
    united: 'spojené|spojených',
    qualifiers: 'spolková|federatívna|islamská|arabská|socialistická|mnohonárodný|bolívarovská|nezávislý|hášimovské|východná',
    links: 'a',
  },
  sl: {
    republic: 'republika',
    kingdom: 'kraljevina|kraljestvo',
    state: 'država',
    states: 'države',
    forms: 'federacija|konfederacija|kneževina|veliko vojvodstvo|vojvodstvo|sultanat|emirat|emirati|unija|skupnost',
    peoples: 'ljudska',
    democratic: 'demokratična',
    united: 'združene|združeno',
    qualifiers: 'zvezna|federativna|islamska|arabska|socialistična|večnacionalna|neodvisna|hašemitska',
    links: 'in',
  },
  hr: {
    republic: 'republika',
    kingdom: 'kraljevina|kraljevstvo',
    state: 'država',
    states: 'države',
    forms: 'federacija|konfederacija|kneževina|velika vojvodina|veliko vojvodstvo|vojvodstvo|sultanat|emirat|emirati|unija|zajednica|savez',
    peoples: 'narodna',
    democratic: 'demokratska',
    united: 'sjedinjene|ujedinjena|ujedinjeno|ujedinjeni',
    qualifiers: 'savezna|federativna|islamska|arapska|socijalistička|višenacionalna|bolivarska|nezavisna|hašemitska|istočna',
    links: 'i',
  },
  sr: {
    republic: 'република',
    kingdom: 'краљевина|краљевство',
    state: 'држава',
    states: 'државе',
    forms: 'федерација|конфедерација|кнежевина|велико војводство|војводство|султанат|емират|емирати|унија|заједница|савез',
    peoples: 'народна',
    democratic: 'демократска',
    united: 'сједињене|уједињено|уједињена|уједињени',
    qualifiers: 'савезна|федеративна|исламска|арапска|социјалистичка|вишенационална|боливарска|независна|хашемитска',
    links: 'и',
  },
  mk: {
    republic: 'република',
    kingdom: 'кралство',
    state: 'држава',
    states: 'држави',
    forms: 'федерација|конфедерација|кнежевство|големо војводство|султанат|емират|емирати|унија',
    peoples: 'народна',
    democratic: 'демократска',
    united: 'соединети|обединето|обединети',
    qualifiers: 'сојузна|федеративна|исламска|арапска|социјалистичка',
    links: 'и',
  },
  bg: {
    republic: 'република',
    kingdom: 'кралство',
    state: 'държава',
    states: 'щати',
    forms: 'федерация|конфедерация|княжество|велико херцогство|херцогство|султанат|емирство|емирства|съюз|общност',
    peoples: 'народна',
    democratic: 'демократична',
    united: 'съединени|обединено|обединени',
    qualifiers: 'федерална|федеративна|ислямска|арабска|социалистическа|многонационална|боливарска|независима|хашемитско',
    links: 'и',
  },
  ru: {
    republic: 'республика',
    kingdom: 'королевство',
    state: 'государство',
    states: 'штаты',
    forms: 'федерация|конфедерация|княжество|великое герцогство|герцогство|султанат|эмират|эмираты|союз|содружество|джамахирия|территория|коллективность|департамент|коронное владение|специальный административный район|страна',
    peoples: 'народная|народно',
    democratic: 'демократическая',
    united: 'соединённые|соединенные|объединённое|объединенное|объединённые|объединенные|объединённая|объединенная',
    qualifiers: 'федеративная|исламская|арабская|социалистическая|многонациональное|боливарианская|независимое|хашимитское|восточная|кооперативная',
    links: 'и',
  },
  uk: {
    republic: 'республіка',
    kingdom: 'королівство',
    state: 'держава',
    states: 'штати',
    forms: 'федерація|конфедерація|князівство|велике герцогство|герцогство|султанат|емірат|емірати|союз|співдружність',
    peoples: 'народна|народно',
    democratic: 'демократична',
    united: 'сполучені|сполучене|об єднані|об єднане|обєднані|обєднане',
    qualifiers: 'федеративна|ісламська|арабська|соціалістична|багатонаціональна|боліваріанська|незалежна|хашимітське',
    links: 'і|й|та',
  },
  be: {
    republic: 'рэспубліка',
    kingdom: 'каралеўства',
    forms: 'федэрацыя|канфедэрацыя|княства',
    peoples: 'народная',
    democratic: 'дэмакратычная',
    united: 'злучаныя|аб яднанае',
    qualifiers: 'федэратыўная|ісламская|арабская|сацыялістычная',
    links: 'і',
  },
  el: {
    republic: 'δημοκρατία',
    kingdom: 'βασίλειο',
    state: 'κράτος',
    states: 'πολιτείες',
    forms: 'ομοσπονδία|συνομοσπονδία|πριγκιπάτο|μεγάλο δουκάτο|δουκάτο|σουλτανάτο|εμιράτο|εμιράτα|ένωση|κοινοπολιτεία',
    peoples: 'λαϊκή',
    democratic: 'δημοκρατική',
    united: 'ηνωμένες|ηνωμένο|ηνωμένα|ηνωμένη',
    qualifiers: 'ομοσπονδιακή|ισλαμική|αραβική|σοσιαλιστική|πολυεθνικό|βολιβαριανή|ανεξάρτητο|χασεμιτικό',
    links: 'της|του|των|τη|το|η|ο|και',
  },
  ro: {
    republic: 'republica',
    kingdom: 'regatul',
    state: 'statul',
    states: 'statele',
    forms: 'federația|confederația|principatul|marele ducat|ducatul|sultanatul|emiratul|emiratele|uniunea|comunitatea',
    peoples: 'populară',
    democratic: 'democrată|democratică',
    united: 'unite|unit',
    qualifiers: 'federală|federativă|islamică|arabă|socialistă|plurinațional|bolivariană|independent|hașemit|orientală|cooperativă',
    links: 'a|al|ale|lui|și|de',
  },
  lt: {
    republic: 'respublika',
    kingdom: 'karalystė',
    state: 'valstybė',
    states: 'valstijos',
    forms: 'federacija|konfederacija|kunigaikštystė|didžioji hercogystė|hercogystė|sultonatas|emyratas|emyratai|sąjunga',
    peoples: 'liaudies',
    democratic: 'demokratinė',
    united: 'jungtinės|jungtinė',
    qualifiers: 'federacinė|islamo|islamiškoji|arabų|socialistinė|daugiatautė|bolivarinė|nepriklausoma|hašimitų',
    links: 'ir',
  },
  lv: {
    republic: 'republika',
    kingdom: 'karaliste',
    state: 'valsts',
    states: 'valstis',
    forms: 'federācija|konfederācija|firstiste|lielhercogiste|hercogiste|sultanāts|emirāts|emirāti|savienība',
    peoples: 'tautas',
    democratic: 'demokrātiskā',
    united: 'savienotās|apvienotā|apvienotie',
    qualifiers: 'federatīvā|federālā|islāma|arābu|sociālistiskā|daudznacionālā|bolivāra|neatkarīgā|hāšimītu',
    links: 'un',
  },
  tr: {
    republic: 'cumhuriyeti|cumhuriyet',
    kingdom: 'krallığı',
    state: 'devleti',
    states: 'devletleri',
    forms: 'federasyonu|konfederasyonu|prensliği|büyük dükalığı|dükalığı|sultanlığı|emirliği|emirlikleri|birliği|topluluğu',
    peoples: 'halk',
    democratic: 'demokratik',
    united: 'birleşik',
    qualifiers: 'federal|federatif|islam|arap|sosyalist|çokuluslu|bolivarcı|bağımsız|haşimi',
    links: 've',
  },
  az: {
    republic: 'respublikası|respublika',
    kingdom: 'krallığı',
    state: 'dövləti',
    states: 'ştatları',
    forms: 'federasiyası|konfederasiyası|knyazlığı|sultanlığı|əmirliyi|əmirlikləri|ittifaqı',
    peoples: 'xalq',
    democratic: 'demokratik',
    united: 'birləşmiş',
    qualifiers: 'federativ|islam|ərəb|sosialist',
    links: 'və',
  },
  kk: {
    republic: 'республикасы',
    kingdom: 'корольдігі',
    state: 'мемлекеті',
    states: 'штаттары',
    forms: 'федерациясы|конфедерациясы|князьдігі|сұлтандығы|әмірлігі',
    peoples: 'халық',
    democratic: 'демократиялық',
    united: 'құрама|біріккен',
    qualifiers: 'федеративтік|ислам|араб|социалистік',
    links: 'және',
  },
  uz: {
    republic: 'respublikasi',
    kingdom: 'qirolligi',
    state: 'davlati',
    states: 'shtatlari',
    forms: 'federatsiyasi|konfederatsiyasi|knyazligi|sultonligi|amirligi',
    peoples: 'xalq',
    democratic: 'demokratik',
    united: 'qoʻshma|qo shma|birlashgan',
    qualifiers: 'federativ|islom|arab|sotsialistik',
    links: 'va',
  },
  sq: {
    republic: 'republika',
    kingdom: 'mbretëria',
    state: 'shteti',
    states: 'shtetet',
    forms: 'federata|konfederata|principata|dukata e madhe|sulltanati|emirati|bashkimi',
    peoples: 'popullore',
    democratic: 'demokratike',
    united: 'bashkuara|bashkuar',
    qualifiers: 'federale|islamike|arabe|socialiste|shumëkombëtare|bolivariane|pavarur',
    links: 'e|i|të|së|dhe',
  },
  ca: {
    republic: 'república',
    kingdom: 'regne',
    state: 'estat',
    states: 'estats',
    forms: 'federació|confederació|principat|gran ducat|ducat|sultanat|emirat|emirats|unió|mancomunitat',
    peoples: 'popular',
    democratic: 'democràtica',
    united: 'units|unit',
    qualifiers: 'federal|federativa|islàmica|àrab|socialista|plurinacional|bolivariana|independent|haiximita',
    links: 'de|d|del|dels|la|el|les|els|i|l',
  },
  cy: { republic: 'gweriniaeth', kingdom: 'teyrnas', united: 'unedig', links: 'y|yr' },
  ga: { republic: 'poblacht', kingdom: 'ríocht', links: 'na' },
  mt: { republic: 'repubblika', kingdom: 'renju', links: 'ta' },
  id: {
    republic: 'republik',
    kingdom: 'kerajaan',
    state: 'negara',
    states: 'negara bagian',
    forms: 'federasi|konfederasi|kepangeranan|keharyapatihan|persekutuan|kesultanan|keamiran|emirat|uni|persemakmuran',
    peoples: 'rakyat',
    democratic: 'demokratik|demokratis',
    united: 'serikat|bersatu|persatuan',
    qualifiers: 'federal|islam|arab|sosialis|plurinasional|bolivarian|merdeka',
    links: 'dan',
  },
  tl: {
    republic: 'republika',
    kingdom: 'kaharian',
    state: 'estado',
    forms: 'pederasyon',
    democratic: 'demokratiko',
    united: 'nagkakaisang',
    qualifiers: 'pederal|islamiko',
    links: 'ng|ang|na|at|mga',
  },
  sw: {
    republic: 'jamhuri',
    kingdom: 'ufalme',
    state: 'dola|nchi',
    forms: 'shirikisho|muungano',
    peoples: 'watu',
    democratic: 'kidemokrasia',
    qualifiers: 'kiislamu|kiarabu|kisoshalisti',
    links: 'ya|wa|la|na|cha',
  },
  vi: {
    republic: 'cộng hòa|cộng hoà',
    kingdom: 'vương quốc',
    state: 'nhà nước|quốc gia',
    states: 'hợp chúng quốc',
    forms: 'liên bang|đại công quốc|công quốc|tiểu vương quốc|các tiểu vương quốc|vương quốc hồi giáo|liên minh',
    peoples: 'nhân dân',
    democratic: 'dân chủ',
    united: 'thống nhất|liên hiệp|liên hợp',
    qualifiers: 'xã hội chủ nghĩa|hồi giáo|ả rập|độc lập|đa dân tộc',
    links: 'và|của',
  },
  he: {
    republic: 'רפובליקה|הרפובליקה|רפובליקת',
    kingdom: 'ממלכה|הממלכה|ממלכת',
    state: 'מדינה|מדינת',
    states: 'ארצות',
    forms: 'פדרציה|הפדרציה|פדרציית|קונפדרציה|הקונפדרציה|נסיכות|הנסיכות|הדוכסות הגדולה|דוכסות|סולטנות|אמירות|האמירויות|איחוד|האיחוד',
    peoples: 'העממית|עממית',
    democratic: 'הדמוקרטית|דמוקרטית',
    united: 'המאוחדת|המאוחדות|מאוחדת|הברית',
    qualifiers: 'הפדרלית|פדרלית|הפדרטיבית|האסלאמית|אסלאמית|הערבית|ערבית|הסוציאליסטית|ההאשמית',
    links: 'של|ו',
  },
  ar: {
    republic: 'جمهورية|الجمهورية',
    kingdom: 'مملكة|المملكة',
    state: 'دولة|الدولة',
    states: 'ولايات|الولايات',
    forms: 'اتحاد|الاتحاد|إمارة|الإمارة|الإمارات|سلطنة|دوقية|الدوقية الكبرى|كومنولث|الجماهيرية',
    peoples: 'الشعبية',
    democratic: 'الديمقراطية|الديموقراطية',
    united: 'المتحدة',
    qualifiers: 'الاتحادية|الفيدرالية|الفدرالية|الإسلامية|العربية|الاشتراكية|الهاشمية|المستقلة|التعاونية',
    links: 'و',
  },
  fa: {
    republic: 'جمهوری',
    kingdom: 'پادشاهی|مملکت',
    state: 'دولت|کشور',
    states: 'ایالات',
    forms: 'فدراسیون|کنفدراسیون|امارت|امارات|سلطان نشین|اتحادیه|شاهزاده نشین|دوک نشین بزرگ',
    peoples: 'خلق',
    democratic: 'دموکراتیک',
    united: 'متحده',
    qualifiers: 'فدرال|اسلامی|عربی|سوسیالیستی',
    links: 'و',
  },
  ur: {
    republic: 'جمہوریہ|جمہوریۂ',
    kingdom: 'مملکت|سلطنت',
    state: 'ریاست',
    states: 'ریاستہائے',
    forms: 'وفاق|فیڈریشن|امارات',
    peoples: 'عوامی',
    democratic: 'جمہوری',
    united: 'متحدہ',
    qualifiers: 'وفاقی|اسلامی|عرب|اشتراکی',
    links: 'کی|کا|کے|و',
  },
  hi: {
    republic: 'गणराज्य|गणतंत्र|गणतन्त्र',
    kingdom: 'राजशाही|साम्राज्य',
    state: 'राज्य',
    forms: 'संघ|महासंघ|रियासत',
    peoples: 'जनवादी',
    democratic: 'लोकतांत्रिक|लोकतान्त्रिक',
    united: 'संयुक्त',
    qualifiers: 'संघीय|इस्लामी|अरब|समाजवादी',
    links: 'का|की|के|और',
  },
  bn: { republic: 'প্রজাতন্ত্র|গণপ্রজাতন্ত্রী', kingdom: 'রাজ্য', united: 'যুক্ত', links: 'এর' },
  ko: {
    republic: '공화국',
    kingdom: '왕국',
    states: '합중국',
    forms: '연방|연합왕국|대공국|공국|술탄국|토후국|연방공화국|인민공화국|민주공화국',
    peoples: '인민|인민공화국',
    democratic: '민주주의|민주',
    united: '연합',
    qualifiers: '이슬람|아랍|사회주의',
  },
  hy: { republic: 'հանրապետություն', kingdom: 'թագավորություն', forms: 'դաշնություն' },
  ka: { republic: 'რესპუბლიკა', kingdom: 'სამეფო', forms: 'ფედერაცია' },
  mn: { republic: 'бүгд найрамдах', state: 'улс' },
  // Romanised form words of languages whose names are often written in Latin letters: Russian and
  // the other Cyrillic languages, Arabic, Persian, Hindi, Japanese, Korean, Chinese, Hebrew, Greek,
  // Armenian, Thai and Khmer.
  romanised: {
    republic:
      'respublika|respublikasy|jumhuriya|jumhuriyah|jumhuriyat|jamhuriya|jomhuri|jomhuri ye|ganarajya|ganrajya|gantantra|gonghwaguk|konghwaguk|gongheguo|dimokratia|hanrapetutyun|satharanarat|sathalanalat',
    kingdom: 'korolevstvo|mamlaka|mamlakah|mamlakat|mamlekhet|wangguk|wangquo|vasileio|ratcha anachak|reacheanachak',
    state: 'gosudarstvo|dawla|dawlat|medinat|koku|kuo',
    forms: 'federatsiya|federatsiia|federaciya|federacija|ittihad|imarat|sultanat',
    peoples: 'narodnaya|renmin|inmin|sha bi|shabi',
    democratic: 'demokraticheskaya|minjujuui|minzhu|dimuqratiya',
    united: 'soyedinyonnye|soedinennye|ob yedinyonnye',
    qualifiers: 'federativnaya|islamskaya|islamiyah|islamiya|islami|eslami|eslami ye|arabiya|arabiyah|lianbang',
    links: 'al|as|ar|at|ad|an|ash|ye|e|i',
  },
};

/** "Emirates" in the languages above: with "United", the United Arab Emirates' form words alone. */
const EMIRATES =
  'emirates|émirats|emiratos|emirados|emirati|emirate|emiraten|emiraterne|emiratene|emírségek|emiraty|emiráty|емирати|емирства|' +
  'эмираты|емірати|εμιράτα|emiratele|emyratai|emirāti|emirlikleri|əmirlikləri|האמירויות|الإمارات|امارات|토후국|酋长国|酋長國|首長国';

/** Forms written before the name without a space (Thai, Lao, Khmer): "สาธารณรัฐอินเดีย". */
const PREFIX_FORMS: Partial<Record<Concept, string>> = {
  republic: 'สาธารณรัฐ|สหพันธ์สาธารณรัฐ|ສາທາລະນະລັດ|សាធារណរដ្ឋ',
  kingdom: 'ราชอาณาจักร|ລາຊະອານາຈັກ|ព្រះរាជាណាចក្រ',
  state: 'รัฐ|ประเทศ|ປະເທດ',
  states: 'สหรัฐ',
  forms: 'สหพันธรัฐ|สหพันธ์|ราชรัฐ|แกรนด์ดัชชี|สมาพันธรัฐ|รัฐสุลต่าน|สหราชอาณาจักร',
  peoples: 'ประชาชน|ປະຊາຊົນ',
  democratic: 'ประชาธิปไตย|ປະຊາທິປະໄຕ',
  qualifiers: 'อิสลาม|สังคมนิยม|อาหรับ',
};

/** Forms written after the name without a space (Chinese, Japanese, Korean): "荷兰王国", "ドイツ連邦共和国". */
const SUFFIX_FORMS: Partial<Record<Concept, string>> = {
  republic: '共和国|共和國|공화국',
  kingdom: '王国|王國|連合王国|联合王国|聯合王國|왕국',
  state: '国|國',
  states: '合众国|合眾國|合衆国|합중국',
  forms: '联邦|聯邦|連邦|大公国|大公國|公国|公國|酋长国|酋長國|首長国|苏丹国|蘇丹國|スルタン国|多民族国|연방|대공국|공국',
  peoples: '人民|인민',
  democratic: '民主|民主主义|民主主義|민주주의|민주',
  qualifiers: '伊斯兰|伊斯蘭|イスラム|社会主义|社會主義|社会主義|阿拉伯|アラブ|이슬람|아랍|사회주의',
};

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const UNSPACED_PREFIXED = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;
const UNSPACED_SUFFIXED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;

interface Entry {
  kind: 'form' | 'qualifier' | 'link';
  flags: Set<Flag>;
  /**
   * The word means "republic" in one language and "democratic" in another (Persian "جمهوری", Urdu
   * "جمہوری"): it decides nothing that depends on which.
   */
  uncertain?: boolean;
}

/** Flags that decide between two countries, and that one word may give in two meanings. */
const DECIDING: readonly Flag[] = ['republic', 'democratic'];

interface Vocabulary {
  /** Folded phrase (words joined by a space) → what it is. */
  phrases: Map<string, Entry>;
  longest: number;
  /** Folded affixes of the unspaced scripts, longest first. */
  prefixes: Array<[string, Entry]>;
  suffixes: Array<[string, Entry]>;
}

function foldedWords(text: string): string[] {
  return (lowerNfkd(text).match(WORD) ?? []).map((word) => foldKey(word));
}

function addEntry(map: Map<string, Entry>, key: string, concept: Concept): void {
  const { kind, flag } = CONCEPTS[concept];
  const existing = map.get(key);
  // A word that is a form in one language and a qualifier in another counts as a form.
  const entry = existing ?? { kind, flags: new Set<Flag>() };
  if (existing && kind === 'form') entry.kind = 'form';
  else if (existing && kind === 'qualifier' && entry.kind === 'link') entry.kind = 'qualifier';
  if (flag && DECIDING.includes(flag) && [...entry.flags].some((other) => other !== flag && DECIDING.includes(other))) entry.uncertain = true;
  if (flag) entry.flags.add(flag);
  map.set(key, entry);
}

function affixes(table: Partial<Record<Concept, string>>): Array<[string, Entry]> {
  const map = new Map<string, Entry>();
  for (const [concept, list] of Object.entries(table) as Array<[Concept, string]>) {
    for (const affix of list.split('|')) addEntry(map, foldedWords(affix).join(''), concept);
  }
  return [...map].sort((a, b) => b[0].length - a[0].length);
}

let vocabulary: Vocabulary | undefined;

function vocabularyOf(): Vocabulary {
  if (vocabulary) return vocabulary;
  const phrases = new Map<string, Entry>();
  let longest = 1;
  for (const language of Object.values(VOCABULARY)) {
    for (const [concept, list] of Object.entries(language) as Array<[Concept, string | undefined]>) {
      if (!list || !(concept in CONCEPTS)) continue;
      for (const phrase of list.split('|')) {
        const words = foldedWords(phrase);
        if (words.length === 0) continue;
        longest = Math.max(longest, words.length);
        addEntry(phrases, words.join(' '), concept);
      }
    }
  }
  for (const word of EMIRATES.split('|')) addEntry(phrases, foldedWords(word).join(' '), 'emirates');
  const prefixes = affixes(PREFIX_FORMS);
  const suffixes = affixes(SUFFIX_FORMS);
  // An affix split off its name is a word of the form like any other.
  for (const [affix, entry] of [...prefixes, ...suffixes]) if (!phrases.has(affix)) phrases.set(affix, entry);
  vocabulary = { phrases, longest, prefixes, suffixes };
  return vocabulary;
}

/** Words of the text, with the forms of the unspaced scripts split off their name ("ドイツ連邦共和国" → ドイツ 連邦 共和国). */
function tokens(text: string, v: Vocabulary): string[] {
  const out: string[] = [];
  for (const word of foldedWords(text)) {
    if (UNSPACED_PREFIXED.test(word)) {
      let rest = word;
      const head: string[] = [];
      for (let found = true; found; ) {
        found = false;
        for (const [affix] of v.prefixes) {
          if (rest.length > affix.length && rest.startsWith(affix)) {
            head.push(affix);
            rest = rest.slice(affix.length);
            found = true;
            break;
          }
        }
      }
      out.push(...head, rest);
    } else if (UNSPACED_SUFFIXED.test(word)) {
      let rest = word;
      const tail: string[] = [];
      for (let found = true; found; ) {
        found = false;
        for (const [affix] of v.suffixes) {
          if (rest.length > affix.length && rest.endsWith(affix)) {
            tail.unshift(affix);
            rest = rest.slice(0, -affix.length);
            found = true;
            break;
          }
        }
      }
      out.push(rest, ...tail);
    } else out.push(word);
  }
  return out;
}

export interface InsideForm {
  /**
   * The name left, as text for the index, most stripped first; then the same with the link words next
   * to it put back ("salvador", "el salvador" from "República de El Salvador"). Empty when the
   * text is form words only ("Сполучене Королівство").
   */
  names: string[];
  /** A "People's" word was among those taken off. */
  peoples: boolean;
  /** A "Democratic" word was among those taken off. */
  democratic: boolean;
  /** A "Republic" word was among those taken off. */
  republic: boolean;
  /** A word that means "republic" or "democratic" depending on the language was among them. */
  uncertain: boolean;
  /** The form words taken off are "United" and "Kingdom" ("United States") and nothing else of substance. */
  unitedKingdom: boolean;
  unitedStates: boolean;
  unitedEmirates: boolean;
  /** The text starts with a word for "state" ("State of Georgia", "Estado de México"). */
  stateForm: boolean;
}

/** The longest phrase of the vocabulary among words[from, to) that starts at `from` (or ends at `to`). */
function phraseAt(v: Vocabulary, words: string[], from: number, to: number, atStart: boolean): [number, Entry] | undefined {
  for (let length = Math.min(v.longest, to - from); length >= 1; length--) {
    const phrase = atStart ? words.slice(from, from + length) : words.slice(to - length, to);
    const entry = v.phrases.get(length === 1 ? phrase[0]! : phrase.join(' '));
    if (entry) return [length, entry];
  }
  return undefined;
}

/** The name inside a state form, or undefined when the text has no form word at either end. */
export function nameInsideForm(text: string): InsideForm | undefined {
  const v = vocabularyOf();
  const words = tokens(text, v);
  let start = 0;
  let end = words.length;
  let form = false;
  let stateForm = false;
  let substantial = 0;
  let uncertain = false;
  const flags = new Set<Flag>();
  // The link words taken off before the name, nearest last: they may belong to it ("el salvador").
  const links: number[] = [];
  const take = (entry: Entry) => {
    if (entry.kind === 'form') form = true;
    if (entry.kind !== 'link') substantial++;
    if (entry.uncertain) uncertain = true;
    for (const flag of entry.flags) if (!entry.uncertain || !DECIDING.includes(flag)) flags.add(flag);
  };
  // The longest phrase first: "grand duchy", "cộng hòa", "hợp chúng quốc".
  for (let found = phraseAt(v, words, start, end, true); found; found = phraseAt(v, words, start, end, true)) {
    const [length, entry] = found;
    if (start === 0 && entry.flags.has('state')) stateForm = true;
    if (entry.kind === 'link') links.push(start);
    else links.length = 0;
    take(entry);
    start += length;
  }
  // At the end, a link word comes off only between the name and a form word ("... de la República"):
  // one that ends the text is part of the name ("Cộng hòa Ý": Vietnamese "Ý", not Spanish "y").
  let trailing = false;
  for (let found = phraseAt(v, words, start, end, false); found; found = phraseAt(v, words, start, end, false)) {
    if (found[1].kind === 'link' && !trailing) break;
    trailing = true;
    take(found[1]);
    end -= found[0];
  }
  if (!form) return undefined;
  const names: string[] = [];
  if (start < end) names.push(words.slice(start, end).join(' '));
  for (let i = links.length - 1; i >= 0; i--) if (links[i]! < end) names.push(words.slice(links[i], end).join(' '));
  const only = (a: Flag, b: Flag) => start >= end && substantial === 2 && flags.has(a) && flags.has(b);
  return {
    names,
    peoples: flags.has('peoples'),
    democratic: flags.has('democratic'),
    republic: flags.has('republic'),
    uncertain,
    unitedKingdom: only('united', 'kingdom'),
    unitedStates: only('united', 'states'),
    unitedEmirates: start >= end && flags.has('united') && flags.has('emirates'),
    stateForm,
  };
}

let wordsByPrefix: string[] | undefined;

/**
 * The form words an abbreviation may stand for: "rép" → république, "ver" → vereinigte, verenigde...,
 * "bundesrep" → bundesrepublik. Folded words of forms and qualifiers (never links) that start with it.
 */
export function formWordsStartingWith(abbreviation: string): string[] {
  wordsByPrefix ??= [...vocabularyOf().phrases]
    .filter(([phrase, entry]) => entry.kind !== 'link' && !phrase.includes(' '))
    .map(([phrase]) => phrase)
    .sort();
  const prefix = foldedWords(abbreviation).join('');
  if ([...prefix].length < 2) return [];
  let low = 0;
  let high = wordsByPrefix.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (wordsByPrefix[mid]! < prefix) low = mid + 1;
    else high = mid;
  }
  const out: string[] = [];
  for (let at = low; at < wordsByPrefix.length && wordsByPrefix[at]!.startsWith(prefix); at++) {
    if (wordsByPrefix[at]!.length > prefix.length) out.push(wordsByPrefix[at]!);
  }
  return out;
}

/** Every folded word and phrase of the vocabulary (tests). */
export function formVocabulary(): string[] {
  return [...vocabularyOf().phrases.keys()];
}
