import { schemaModeline } from './question-set-json-schema.js';

/**
 * The commented starter set `mockprep init` writes: one category and one question with every
 * field, each explained where it is written. It validates as written (a test holds it to that).
 */
export function renderStarterSet(options: { id: string; title: string; schemaRef: string }): string {
  return `${schemaModeline(options.schemaRef)}
# A mockprep question set. The line above gives editors with a YAML language server
# (VS Code's YAML extension, Neovim, JetBrains) completion and checks as you type.
# Check it with:    mockprep validate <this file>
# Practise it with: mockprep start -s <this file>
# Required: the set's id, title, categories and questions; each category's id and title;
# each question's id, category and prompt. Everything else may go.

id: ${options.id}                  # unique among the sets you load together
title: ${JSON.stringify(options.title)}
description: What this set is for, in a sentence or two.
source: Where the questions come from (optional attribution).
license: CC BY 4.0                 # optional: how others may share it

categories:                        # shown in this order
  - id: basics
    title: Basics
    description: Optional. What this category covers.

questions:
  - id: explain-your-project       # unique within the set: letters, digits, . _ -
    category: basics               # one of the category ids above
    difficulty: easy               # easy | medium | hard
    kind: behavioral               # conceptual | technical | design | scenario | behavioral | open-ended
    tags: [warm-up]                # pick questions with: mockprep start --tag warm-up
    time: 3m                       # suggested limit: 90s, 3m, 1m30s
    prompt: |
      Tell me about a project you are proud of. What was hard about it, and what
      would you do differently today?
    hints:                         # revealed one at a time, only when asked for
      - Pick one project and say what your own part in it was.
      - Name one decision you would change, and why.
    keyPoints:                     # what a strong answer covers; shown after answering
      - point: Names their own contribution
        keywords: [I built, I designed, my part, I led]
      - point: Reflects on a decision they would change
        keywords: [differently, in hindsight, lesson, would change]
    redFlags:                      # optional: what an interviewer counts against an answer
      - Describes only what the team did, never their own part
    followUps:                     # optional: asked after the main answer
      - How did you know it was working?
    # related: [other-question-id]  # optional: near-duplicates, never asked in one session
    notes: |                       # optional: reference notes shown in review and export
      A strong answer is specific: one project, the candidate's own decisions, a
      measurable result and an honest look back.
`;
}
