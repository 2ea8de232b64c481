import { createPrompt, isEnterKey, useKeypress, useState } from '@inquirer/core';
import type { ChalkInstance } from 'chalk';

export interface RatingPromptConfig {
  color: ChalkInstance;
  /** false: only "press Enter to go on" (a skipped question has nothing to rate). */
  allowRating: boolean;
  /** Offer `n` for the question's notes and red flags (practice mode). */
  offerNotes: boolean;
}

/** One key: 1–5 rates the answer, Enter goes on without a rating, `n` asks for the notes. */
export const ratingPrompt = createPrompt<number | null | 'notes', RatingPromptConfig>((config, done) => {
  const [answer, setAnswer] = useState<number | null | 'notes' | undefined>(undefined);
  useKeypress((key, rl) => {
    if (answer !== undefined) return;
    // Nothing is typed here: keep readline's line empty so stray keys do not echo.
    const line = rl as unknown as { line: string; cursor: number };
    line.line = '';
    line.cursor = 0;
    let choice: number | null | 'notes' | undefined;
    if (isEnterKey(key)) choice = null;
    else if (config.allowRating && /^[1-5]$/.test(key.name)) choice = Number(key.name);
    else if (config.offerNotes && key.name === 'n') choice = 'notes';
    if (choice === undefined) return;
    setAnswer(choice);
    done(choice);
  });
  const { color } = config;
  if (answer === 'notes') return color.dim('(notes)');
  if (answer !== undefined) return answer === null ? color.dim('(no rating)') : `Self-rating: ${color.bold(String(answer))}`;
  const notes = config.offerNotes ? ', n for the notes' : '';
  return config.allowRating
    ? `${color.cyan('Rate your answer 1–5')} ${color.dim(`(press a number, Enter to skip${notes})`)}`
    : color.dim(`Press Enter for the next question${notes}`);
});
