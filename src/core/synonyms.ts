import { stemWord } from './word-forms.js';

// Words a candidate uses for the same idea, in the fields the bank covers (machine learning, AI
// safety, data science, engineering practice). Each line is one group; a word of a key point is
// found in an answer that says any word of its group, in any form. Groups are kept narrow: two
// words share a group only when an interviewer would take either for the other in an answer.
// A few lines hold the usual misspellings of acronyms, which the typo rule (long words only)
// cannot reach: HIPPA for HIPAA.

const GROUPS = `
proxy surrogate substitute
goal objective aim target intent intention
specify specification spec
reward score rating
rater raters labeler labeller labelers labellers annotator annotators evaluator grader judge human humans people
preference preferred prefer chosen liked favour favor
compare comparison pairwise pair pairs ranking rank
finetune finetuning tune retrain
train training learn learned learnt
dataset corpus data
optimize optimise optimization optimisation maximize maximise
exploit hack hacking game gaming gamed loophole cheat shortcut trick
misspecified misspecification flawed incomplete
deceive deception deceptive lie lying mislead misleading dishonest
sycophancy sycophantic flatter flattery flattering please agreeable agree agreeing
hallucinate hallucination fabricate fabrication confabulate invent
harmful harm dangerous toxic toxicity hateful abusive offensive unsafe
jailbreak jailbreaking bypass circumvent
attack attacker adversarial adversary redteam
misuse abuse weaponize malicious
monitor monitoring watch track tracking observe log logging
detect detection catch spot flag identify notice
evaluate evaluation eval evals test testing assess assessment benchmark measure measurement
aware awareness realize realise recognise recognize notice
deploy deployment production release launch ship shipping
capability capable powerful competent smarter stronger advanced
oversight supervise supervision oversee review
debate argue argument argues
decompose decomposition subtask subtasks
amplify amplification iterated recursive
interpret interpretability explain explainability understand transparency transparent
feature latent concept direction
neuron unit
activation activations internal internals representation representations hidden
probe probing
steer steering clamp intervene intervention edit
sparse sparsity
superposition polysemantic polysemanticity overlap overlapping
robust robustness resilient withstand
shift ood novel unseen
generalize generalise generalization generalisation transfer
overfit overfitting memorize memorise memorization
underfit underfitting
bias biased unfair unfairness discrimination discriminate disparity disparities
fairness fair equitable
privacy private confidential pii phi sensitive
regulation regulatory compliance law legal
hipaa hippa
stakeholder stakeholders clinician clinicians patient patients customer customers user users
escalate escalation page alert notify
incident outage breach
mitigate mitigation fix patch remedy
filter filtering block blocking blocklist guard guardrail guardrails
refuse refusal refusing decline declining
uncertainty uncertain unsure confidence calibrated calibration calibrate
honest honesty truthful truthfulness truth accurate accuracy factual
shutdown interrupt corrigible corrigibility
autonomy autonomous agent agentic agents independent
permission permissions privilege privileges sandbox sandboxing
approve approval confirm confirmation
compute flops gpu gpus
parameter parameters weights
gradient gradients backprop backpropagation
regularize regularise regularization regularisation penalty penalize penalise
kl divergence drift
reference starting
ppo reinforcement rl
constitution principles rules charter
critique criticise criticize critic
revise revision rewrite rewritten improve
feedback signal
cheap cheaper cheaply inexpensive
expensive costly
stable stability unstable instability
simple simpler simplicity easy easier straightforward
modular modularity reusable reuse
threshold trigger tripwire level
commit commitment pledge promise
pause halt stop
safeguard safeguards protection protections security
classifier detector
recall sensitivity
variance spread
mean average
outlier outliers anomaly anomalies
missing null nan
impute imputation fill
normalize normalise standardize standardise
correlate correlation correlated associated
cause causal causation
holdout heldout validation
crossvalidation kfold
hyperparameter hyperparameters tuning
forest ensemble bagging
boosting boosted
residual residuals error errors
predict prediction predictions forecast
cluster clusters clustering group grouping segment
dimension dimensions dimensionality
reduce reduction compress compression shrink
embedding embeddings vector vectors
recommend recommender recommendation suggestions
rank ranking
click clicks ctr
temporal sequential
season seasonal seasonality periodic
trend trends
lag lags lagged
learn lesson lessons takeaway
colleague colleagues teammate teammates peer peers coworker coworkers
disagree disagreement conflict pushback
communicate communication
documented writeup postmortem retro retrospective
prioritize prioritise priority priorities triage
delay delayed postpone postponed slip
reproduce reproduced replicate replicated repro
regression regressions
first initial original
response reply output completion
generate produce draft
rewrite redo
iterate iteration iterations round rounds loop loops repeat repeated
cap limit maximum max ceiling bound
base parent original baseline checkpoint predecessor
forget forgetting overwrite overwritten degrade degradation regress regression
benign harmless innocuous legitimate
conservative cautious overcautious overcautious jumpy
region regional country countries locale local
habit routine regularly
structured systematic methodical organised organized
promptly immediately quickly
tractable feasible doable
vet vetting audit auditing
consequential irreversible destructive
variation variations variant variants perturb perturbed perturbation tweak tweaked
shuffle shuffled shuffling scramble scrambled scrambling
retry retries attempt attempts tries
collective collectively jointly
`;

/** For each stem, the stems of every word that shares a group with it (itself included). */
export const SYNONYM_STEMS: ReadonlyMap<string, ReadonlySet<string>> = buildSynonyms(GROUPS);

function buildSynonyms(source: string): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const line of source.split('\n')) {
    const stems = line
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => stemWord(word.toLowerCase()));
    if (stems.length < 2) continue;
    for (const stem of stems) {
      const group = map.get(stem) ?? new Set([stem]);
      for (const other of stems) group.add(other);
      map.set(stem, group);
    }
  }
  return map;
}

/** The stems that stand for a stem: itself and its synonyms. */
export function synonymsOf(stem: string): ReadonlySet<string> {
  return SYNONYM_STEMS.get(stem) ?? new Set([stem]);
}
