/**
 * Official long names are a country's name inside a state form: "Republika Angola", "Reino de
 * Marruecos", "Kraljevina Nizozemska", "Yunanistan Cumhuriyeti", "پادشاهی هلند", "스페인 왕국",
 * "荷兰王国". When no source lists the long form, the words of the form (and the qualifiers that go
 * with it: "Islamic", "Federal", "People's"...) are taken off both ends; what is left must be a whole
 * name of one country. Only whole words come off, and only when a form word is among them: "United
 * Arab Emirates" is never read as "Emirates".
 */
import { foldKey, lowerNfkd } from './country-index';

/** Words that say what kind of state: republic, kingdom, state, federation, principality... */
const FORMS = [
  // republic
  'republic', 'république', 'república', 'republik', 'repubblica', 'republiek', 'republika', 'republiken', 'republikken',
  'respublika', 'respublikasi', 'respublikasy', 'respublikası', 'republica', 'tasavalta', 'vabariik', 'köztársaság',
  'cumhuriyeti', 'cumhuriyet', 'республика', 'република', 'рэспубліка', 'республикасы', 'jamhuri', 'جمهورية', 'الجمهورية',
  'جمهوری', 'جمہوریہ', 'جمہوریۂ', '공화국',
  // kingdom
  'kingdom', 'royaume', 'reino', 'königreich', 'regno', 'koninkrijk', 'królestwo', 'королевство', 'краљевина', 'kraljevina',
  'krallığı', 'kuningaskunta', 'kuningriik', 'konungariket', 'kongeriket', 'kongeriget', 'királyság', 'království',
  'kráľovstvo', 'مملكة', 'المملكة', 'پادشاهی', 'مملکت', '왕국',
  // state (see FORM_STATE: not for US state names)
  'state', 'état', 'estado', 'staat', 'stato', 'państwo', 'государство', 'држава', 'država', 'دولة', 'devleti',
  // federation, confederation, union
  'federation', 'fédération', 'federación', 'föderation', 'federazione', 'federação', 'federatie', 'federacja', 'федерация',
  'федерација', 'federacija', 'federasyonu', 'federaatio', 'föderatsioon', 'federationen', 'föderáció', 'فدراسیون', '연방',
  'confederation', 'confédération', 'confederación', 'konfederation', 'confederazione', 'konfederacja', 'konfederace',
  // compound forms: "Bundesrepublik Deutschland", "Folkrepubliken Kina", "Saksan liittotasavalta"
  'bundesrepublik', 'volksrepublik', 'bondsrepubliek', 'volksrepubliek', 'forbundsrepublikken', 'förbundsrepubliken',
  'folkerepublikken', 'folkrepubliken', 'liittotasavalta', 'kansantasavalta', 'arabitasavalta', 'liitvabariik',
  'rahvavabariik', 'islamivabariik', 'népköztársaság', '연합왕국',
  // principality, grand duchy, sultanate, commonwealth
  'principality', 'principauté', 'principado', 'principato', 'fürstentum', 'prinsdom', 'księstwo', 'княжество',
  'grand duchy', 'grand-duché', 'granducato', 'großherzogtum', 'groothertogdom', 'gran ducado', 'sultanate', 'sultanat',
  'sultanato', 'sultanaat', 'سلطنة', 'commonwealth',
];

/** Words that qualify a state form: "Islamic Republic", "Federal Republic", "People's Republic". */
const QUALIFIERS = [
  'islamic', 'islamique', 'islámica', 'islamica', 'islâmica', 'islamische', 'islamitische', 'islamiska', 'islamska', 'islamska',
  'исламская', 'исламска', 'islam', 'islamilainen', 'الإسلامية', 'اسلامی',
  'federal', 'fédérale', 'federale', 'federativa', 'federative', 'federativna', 'savezna', 'савезна', 'liitto',
  'democratic', 'démocratique', 'democrática', 'democratica', 'demokratische', 'demokratyczna', 'демократическая',
  'people', 'peoples', 'populaire', 'popular', 'popolare', 'ludowa', 'народная', 'народна', 'narodna',
  'arab', 'arabe', 'árabe', 'araba', 'arabische', 'arabska', 'арабская', 'عرب', 'العربية',
  'socialist', 'socialiste', 'socialista', 'sozialistische', 'социалистическая',
  'united', 'unie', 'unida', 'unita', 'vereinigte', 'verenigde',
  'plurinational', 'plurinacional', 'plurinationaler', 'bolivarian', 'bolivariana', 'bolivarische',
  'independent', 'hashemite', 'hachémite', 'hachemita', 'haschemitisches', 'oriental', 'co-operative', 'cooperative',
];

/** Words that make a form "People's Republic" (the PRC, never the Republic of China). */
const PEOPLES = [
  'people', 'peoples', 'populaire', 'popular', 'popolare', 'ludowa', 'народная', 'народна', 'narodna', 'volksrepublik',
  'volksrepubliek', 'folkerepublikken', 'folkrepubliken', 'kansantasavalta', 'rahvavabariik', 'népköztársaság', 'lidová',
  'ľudová', 'halk', 'الشعبية', 'خلق', 'عوامی',
];

/** Words between the form and the name: "of", "de", "of the", "des", "van", "der"... */
const LINKS = ['s', 'of', 'the', 'de', 'di', 'del', 'della', 'dell', 'd', 'du', 'des', 'da', 'do', 'dos', 'das', 'van', 'der', 'la', 'el', 'ta', 'ya', 'wa', 'y', 'e', 'и', 'i'];

/** State forms that are written after the name without a space (Chinese, Japanese). */
const SUFFIX_FORMS = ['共和国', '共和國', '王国', '王國', '联邦', '聯邦', '連邦'];

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

function normalised(word: string): string {
  return foldKey((lowerNfkd(word).match(WORD) ?? []).join(''));
}

let sets: { forms: Set<string>; qualifiers: Set<string>; peoples: Set<string>; links: Set<string>; suffixes: string[] } | undefined;

function wordSets() {
  sets ??= {
    // "grand duchy" is two words: each is a form word (neither means anything alone here).
    forms: new Set(FORMS.flatMap((form) => form.split(/[\s-]+/)).map(normalised)),
    qualifiers: new Set([...QUALIFIERS, ...PEOPLES].flatMap((word) => word.split(/[\s-]+/)).map(normalised)),
    peoples: new Set(PEOPLES.map(normalised)),
    links: new Set(LINKS.map(normalised)),
    suffixes: [...new Set(SUFFIX_FORMS.map(normalised))],
  };
  return sets;
}

export interface InsideForm {
  /** The name left, as text for the index ("angola" from "Republika Angola"). */
  name: string;
  /** A "People's" word was among those taken off. */
  peoples: boolean;
}

/** The name inside a state form, or undefined when the text has no form word at either end or nothing is left. */
export function nameInsideForm(text: string): InsideForm | undefined {
  const { forms, qualifiers, peoples: peoplesWords, links, suffixes } = wordSets();
  const words = (lowerNfkd(text).match(WORD) ?? []).map((word) => foldKey(word));
  let start = 0;
  let end = words.length;
  let form = false;
  let peoples = false;
  const strip = (word: string): boolean => {
    if (forms.has(word)) form = true;
    if (peoplesWords.has(word)) peoples = true;
    return forms.has(word) || qualifiers.has(word) || links.has(word);
  };
  while (start < end && strip(words[start]!)) start++;
  while (end > start && strip(words[end - 1]!)) end--;
  if (end - start === 1 && !form) {
    // Chinese and Japanese write the form after the name, in one word: "荷兰王国", "スペイン王国".
    const word = words[start]!;
    const suffix = suffixes.find((s) => word.endsWith(s) && word.length > s.length);
    if (suffix) return { name: word.slice(0, -suffix.length), peoples: word.slice(0, -suffix.length).endsWith('人民') };
  }
  if (!form || start >= end) return undefined;
  return { name: words.slice(start, end).join(' '), peoples };
}

/** True for the forms that also begin US state names ("State of Georgia" is not Georgia the country). */
export function isStateForm(text: string): boolean {
  const first = (lowerNfkd(text).match(WORD) ?? [])[0];
  return first !== undefined && ['state', 'estado', 'etat', 'staat', 'stato', 'commonwealth'].includes(foldKey(first));
}
