import { createPrompt, isEnterKey, useKeypress, useState } from '@inquirer/core';
import type { ChalkInstance } from 'chalk';

export interface RatingPromptConfig {
  color: ChalkInstance;
  /** false: only "press Enter to go on" (a skipped question has nothing to rate). */
  allowRating: boolean;
}

/** One key: 1–5 rates the answer, Enter goes on without a rating. */
export const ratingPrompt = createPrompt<number | null, RatingPromptConfig>((config, done) => {
  const [answer, setAnswer] = useState<number | null | undefined>(undefined);
  useKeypress((key, rl) => {
    if (answer !== undefined) return;
    // Nothing is typed here: keep readline's line empty so stray keys do not echo.
    (rl as unknown as { line: string; cursor: number }).line = '';
    (rl as unknown as { line: string; cursor: number }).cursor = 0;
    if (isEnterKey(key)) {
      setAnswer(null);
      done(null);
    } else if (config.allowRating && /^[1-5]$/.test(key.name)) {
      const rating = Number(key.name);
      setAnswer(rating);
      done(rating);
    }
  });
  const { color } = config;
  if (answer !== undefined) return answer === null ? color.dim('(no rating)') : `Self-rating: ${color.bold(String(answer))}`;
  return config.allowRating
    ? `${color.cyan('Rate your answer 1–5')} ${color.dim('(press a number, or Enter to skip)')}`
    : color.dim('Press Enter for the next question');
});
