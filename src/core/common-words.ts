import { STOP_WORDS, stemWord } from './word-forms.js';

// Everyday English words, and the generic vocabulary of interview answers, that say nothing on
// their own about whether an idea was stated: "result", "task", "learned", "data", "model".
// A one-word keyword from this list is too weak to credit a key point by itself (the matcher
// counts it only with other words of the point), and `validate` warns the author about it.

const WORDS = `
ability able accept access account achieve act action actually add address advantage affect agree aim allow almost alone along already
although always amount analysis analyze answer anyone anything appear apply approach area argument around ask aspect assume attempt
available avoid aware away back bad balance base based basic basically become begin behavior behaviour believe benefit best better big bit
block body book bring build business call care carefully case cause certain chance change check choice choose claim clear clearly close
code come common company complete complex concept concern condition consider constant context control core correct cost course
create critical current customer cycle daily data deadline deal decide decision deep define degree deliver depend describe design detail
develop difference different difficult direct discuss do document done doubt draw drive during early easy effect effective effort else
end ensure enough entire environment error especially even event eventually everyone everything evidence exactly example expect experience
explain express extra fact factor fail failure far fast feature feedback feel field figure final finally find fine first fix focus
follow force form forward frame free full fully function future gain general generally give goal going good great group grow guess half
handle happen hard help high hold huge idea identify impact important improve include increase indeed information input instead interest
involve issue item job keep key kind know knowledge large last late later lead learn learned least leave less level life light likely limit
line list little live local long look lose loss low main maintain major make manage manager many matter maybe mean meaning measure meet
meeting member method might mind minor miss mistake mode model moment month move need needed new next nice normal note nothing notice
number offer often old open operation option order organization organisation outcome output overall own part particular pass past people
perform perhaps period person pick piece place plan play point policy possible potential power practice present pressure pretty prevent
previous probably problem process produce product progress project proper provide purpose push put quality question quick quickly raise
range rate reach read ready real reason receive recent recognize record reduce relate relevant remain remember report require research
resource respond response rest result return review right risk role room rule run safe same save say scale second see seem sense serious
set several share short show side significant similar simple simply since single situation size small solution solve someone something
sometimes soon sort source space specific stage stand standard start state stay step still stop story strong structure study style
success successful sure system take talk target task team tell term test thing think time today together tool top total track trade
training true trust try turn type understand unit usually value various version view want watch week weekly whole wide win word work
worked working world worry worth write wrong year
`;

/** Stems of the generic words. */
export const COMMON_WORD_STEMS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter(Boolean).map(stemWord));

/** Whether a single word is generic: a function word or an everyday word of the list above (any form: "learned", "tasks"). */
export function isCommonWord(word: string): boolean {
  const folded = word.toLowerCase();
  return STOP_WORDS.has(folded) || COMMON_WORD_STEMS.has(stemWord(folded));
}

// Corporate filler: words that sound like substance in an answer and explain nothing ("leverage
// a holistic, robust, best-in-class approach, driving cross-functional alignment with
// stakeholders"). They never explain a term (the offline grader does not count them as saying
// something about it); unlike the words above they are not a keyword warning in `validate`.
const FILLER = `
leverage leveraging holistic holistically robust robustly synergy synergies seamless seamlessly comprehensive comprehensively
principled scalable innovative innovation responsibility responsibly trustworthy partner partnering partnership posture
strategic strategically framework frameworks implement implemented implementing implementation solution solutions initiative
initiatives proactive proactively appropriate appropriately optimal optimally impactful excellence paradigm ecosystem mindset
cutting edge class world end stakeholder stakeholders cross functional alignment aligned orchestrate orchestrates orchestrating
enable enables enabling empower empowers drove driving drive owned own ownership streamline streamlined state art
`;

/** Stems of corporate filler words: see {@link FILLER}. */
export const FILLER_WORD_STEMS: ReadonlySet<string> = new Set(FILLER.split(/\s+/).filter(Boolean).map(stemWord));
