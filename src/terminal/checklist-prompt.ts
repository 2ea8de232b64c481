import { createPrompt, isEnterKey, useKeypress, useState } from '@inquirer/core';
import type { ChalkInstance } from 'chalk';
import type { TranscriptItem } from '../core/transcript-schema.js';
import { formatKeyPoints } from './feedback-text.js';

export interface ChecklistPromptConfig {
  item: Pick<TranscriptItem, 'question' | 'keyPointsTouched' | 'keyPointsCorrected' | 'keyPointEvidence'>;
  color: ChalkInstance;
  /** The terminal's width, to word-wrap the points. */
  width?: number;
}

/** The key for a point's toggle: 1–9, then 0 for the tenth. */
function pointForKey(name: string, count: number): number | null {
  if (!/^[0-9]$/.test(name)) return null;
  const index = name === '0' ? 9 : Number(name) - 1;
  return index < count ? index : null;
}

/**
 * The key points as a checklist the candidate confirms: the grader's marks are a suggestion, a
 * number key toggles that point, Enter accepts. Resolves with the covered points' indexes.
 */
export const checklistPrompt = createPrompt<number[], ChecklistPromptConfig>((config, done) => {
  const { item, color } = config;
  const count = item.question.keyPoints.length;
  const [covered, setCovered] = useState<ReadonlySet<number>>(new Set(item.keyPointsCorrected ?? item.keyPointsTouched));
  const [finished, setFinished] = useState(false);
  useKeypress((key, rl) => {
    if (finished) return;
    // Nothing is typed here: keep readline's line empty so stray keys do not echo.
    const line = rl as unknown as { line: string; cursor: number };
    line.line = '';
    line.cursor = 0;
    if (isEnterKey(key)) {
      setFinished(true);
      done([...covered].sort((a, b) => a - b));
      return;
    }
    const index = pointForKey(key.name, count);
    if (index === null) return;
    const next = new Set(covered);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setCovered(next);
  });
  const lines = formatKeyPoints(item, color, { covered, width: config.width });
  if (finished) return lines.join('\n');
  const keys = count === 1 ? '1' : `1–${Math.min(count, 9)}${count >= 10 ? ', 0' : ''}`;
  return [...lines, color.dim(`  ${keys} corrects a mark · Enter accepts`)].join('\n');
});
