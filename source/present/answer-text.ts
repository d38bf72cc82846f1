import type { Answer } from '../answer/answer.js';
import { layoutAnswer, sectionsText, type LayoutOptions } from './answer-layout.js';

/** The plain-text form of an answer for `qchat ask` and `qchat diagnose`: the layout's sections, joined. */
export function renderAnswerText(answer: Answer, options: LayoutOptions): string {
  return sectionsText(layoutAnswer(answer, options));
}
