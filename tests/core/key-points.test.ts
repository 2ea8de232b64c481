import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../src/core/answer-text.js';
import { gradeOffline, matchKeyPoints } from '../../src/core/key-points.js';
import { normalizeWords, withinOneEdit } from '../../src/core/word-forms.js';

// One line a case, per rule of the offline grader (src/core/key-points.ts).

const question = {
  prompt: 'What is AI alignment, and why does it get harder as systems become more capable?',
  keyPoints: [
    { point: 'Outer vs inner alignment', keywords: ['outer alignment', 'inner alignment', 'mesa-optimizer'] },
    { point: "Goodhart's law", keywords: ["Goodhart's law", 'proxy', 'gaming the metric'] },
    { point: 'Reward model over-optimization', keywords: ['reward hacking', 'overoptimization'] },
    { point: 'Debate as an oversight method', keywords: ['debate'] },
    { point: 'Regulatory compliance such as HIPAA', keywords: ['HIPAA', 'compliance'] },
    { point: 'Evaluation awareness', keywords: ['evaluation awareness', 'knows it is tested'] },
    { point: 'Greater capability makes loopholes easier to find' },
  ],
};
const [OUTER, GOODHART, REWARD, DEBATE, HIPAA, AWARE, CAPABILITY] = [0, 1, 2, 3, 4, 5, 6];

describe('the offline grader', () => {
  it.each([
    // Word forms, by a real stemmer.
    ['word forms: games for gaming', 'the model games the metric so the number climbs while nothing real improves', [GOODHART]],
    ['word forms: plural and hyphen', 'Mesa-optimizers can emerge inside training and chase their own internal goal', [OUTER]],
    ['word forms: a phrase in another order', 'the agent gets aware of the evaluation and then behaves differently when watched', [AWARE]],
    [
      'synonyms: two copies argue before a judge',
      'two copies of the model argue opposite sides in front of a judge who picks the stronger case',
      [DEBATE],
    ],
    // Typos: one edit in long words only.
    ['typo in a long word', 'with overoptimzation the policy exploits flaws in the learned scorer', [REWARD]],
    ['typo: a swap of two letters', 'the policy ends up doing reward hakcing by exploiting flaws the scorer never saw', [REWARD]],
    ['no typo tolerance in short words', 'we ran a debit check on the accounts and filed the report', []],
    // The point's own words count, a share of them.
    ['point words without a keyword', 'a more capable system finds loopholes in what we specified much faster', [CAPABILITY]],
    ['point words: too few of them', 'loopholes are bad in general and we should close them', []],
    // Prompt words earn nothing on their own.
    ['restating the question', 'AI alignment gets harder as systems become more capable, that is why alignment is hard', []],
    // Disclaimers.
    ["I don't know what X is", "honestly I don't know what mesa-optimizers are", []],
    ['not sure what X means', "I'm not sure what reward hacking means exactly", []],
    ["X, but I'd have to look it up", "there's something called debate, but I'd have to look it up", []],
    ['a disclaimer that points back', 'People talk about proxies and debate. I would have to look up what those involve.', []],
    [
      'a disclaimer does not void the next clause',
      "I don't know mesa-optimizers well, but gaming the metric is when the optimiser exploits a weak proxy measure",
      [GOODHART],
    ],
    // Bare lists of terms.
    ['a keyword dump', 'the usual buzzwords: reward hacking, debate, proxy gaming, mesa-optimizers, HIPAA compliance', []],
    ['a list with and', 'I would mention reward hacking and debate and mesa optimizers and evaluation awareness', []],
    ['a named term with nothing said about it', 'Debate.', []],
    [
      'explained items are not a bare list',
      'outer alignment means the objective we wrote is wrong, reward hacking means the policy exploits the scorer, and debate pits two models against each other for a judge',
      [OUTER, REWARD, DEBATE],
    ],
    // Dismissals: naming a thing to wave it away states nothing.
    ["X doesn't matter", "Goodhart's law doesn't really matter once the metric is carefully chosen by experts", []],
    ["X isn't relevant", 'reward hacking is also not relevant here because the scorer is trained on plenty of feedback', []],
    ["we don't need X", "we don't need debate at all, one strong model reviewing its own work suffices", []],
    ["I'd skip X", "I'd skip the HIPAA compliance review since this is just a prototype running internally", []],
    ["X can't happen", "overoptimization can't really happen with a scorer this large and carefully trained", []],
    [
      'a negation that explains still credits',
      "the policy keeps gaming the metric, so the number can't be trusted once it climbs while quality falls",
      [GOODHART],
    ],
    // Filler explains nothing.
    ['corporate filler around a term', 'we would leverage a holistic, robust debate framework', []],
    // A sentence strung of four points' terms is jargon, not explanation.
    [
      'a jargon sentence naming four points',
      'Outer alignment misspecification, Goodhart proxy gaming, reward hacking overoptimization and debate oversight.',
      [],
    ],
    ['empty answer', '', []],
  ])('%s', (_name, answer, expected) => {
    expect(matchKeyPoints(answer, question)).toEqual(expected);
  });

  it('quotes the words that earned each mark, and none for a point not covered', () => {
    const marks = gradeOffline('Two copies of the model argue opposite sides in front of a human judge. Nothing else.', question);
    expect(marks[DEBATE]).toEqual({ covered: true, evidence: expect.stringContaining('argue opposite sides') });
    expect(marks[OUTER]).toEqual({ covered: false, evidence: null });
    expect(marks).toHaveLength(question.keyPoints.length);
  });

  it('a keyword made only of the prompt’s words never credits', () => {
    const restated = { prompt: 'How would you detect reward hacking?', keyPoints: [{ point: 'Names it', keywords: ['reward hacking'] }] };
    expect(matchKeyPoints('I would detect reward hacking by looking at reward hacking carefully', restated)).toEqual([]);
  });

  it('a one-word everyday keyword alone does not credit a point', () => {
    const star = {
      prompt: 'Tell me about a time you had to push back.',
      keyPoints: [{ point: 'Quantifies the impact', keywords: ['result'] }],
    };
    expect(matchKeyPoints('The result was good and everyone was happy with the result overall.', star)).toEqual([]);
  });

  it('a typo in a short word is not forgiven (bass is not bias), but a known misspelling is (HIPPA)', () => {
    const short = {
      prompt: 'How do you check a dataset?',
      keyPoints: [{ point: 'Audits for bias', keywords: ['bias audit', 'skewed labels', 'unfair'] }],
    };
    expect(matchKeyPoints('we run a bass audit over every column and then compare it with last year', short)).toEqual([]);
    expect(matchKeyPoints('we run a bias audit over every column and then compare it with last year', short)).toEqual([0]);
    expect(matchKeyPoints('under HIPPA the patient records need access logs and encryption at rest', question)).toContain(HIPAA);
  });
});

describe('word forms', () => {
  it.each([
    ['optimzer', 'optimizer', true],
    ['recieve', 'receive', true],
    ['models', 'model', true],
    ['model', 'modal', true],
    ['reward', 'rewrite', false],
    ['abc', 'abcde', false],
  ])('%s / %s within one edit: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it('stems words the way Porter does, after folding case, accents and apostrophes', () => {
    expect(normalizeWords("Naïve RLHF-policies, Goodhart's gaming!")).toEqual(['naiv', 'rlhf', 'polici', 'goodhart', 'game']);
  });
});

describe('reading an answer', () => {
  it.each([
    ["I don't know what mesa-optimizers are", [true]],
    ['not sure how it works, but the proxy is the measure we optimise', [true, false]],
    ['I think it means two models argue', [false]],
    ['no idea', [true]],
  ])('disclaimers: %s', (text, expected) => {
    expect(
      analyzeAnswer(text)
        .clauses.filter((clause) => clause.to > clause.from)
        .map((clause) => clause.disclaims),
    ).toEqual(expected);
  });

  it.each([
    ["Goodhart's law doesn't matter much", true],
    ['we do not really need a second reviewer', true],
    ["I'd just skip the regression suite", true],
    ['the reference model is not a real issue', true],
    ['masking is pointless', true],
    ['searching the training data is a waste of time', true],
    ["interpretability tools aren't useful here", true],
    ['error bars are overkill for a simple eval', true],
    ["prefill attacks don't affect it", true],
    ["code that passes CI and doesn't work", false],
    ["rules like don't help with weapons", false],
    ["so the score can't be inflated by memorisation", false],
    ["it doesn't need the attacker to talk to it directly", false],
    ["don't use plain k-fold on time series", false],
    ['tone, unnecessary disclaimers, refusals on benign requests', false],
  ])('dismissals: %s', (text, expected) => {
    expect(analyzeAnswer(text).clauses[0]?.dismisses).toBe(expected);
  });

  it.each([
    ['toxicity, bias, hallucination, refusals, jailbreaks', true],
    ['RLHF / DPO / constitutional AI', true],
    ['we collect preference pairs, train a reward model, and optimise the policy with PPO', false],
    ['the reward model', false],
  ])('bare lists: %s', (text, expected) => {
    expect(analyzeAnswer(text).clauses[0]?.bareList).toBe(expected);
  });
});
