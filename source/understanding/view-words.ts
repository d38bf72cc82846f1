// How a question asks to see its answer: "as a table", "as a chart", "chart and table". An
// answer shows one view of its numbers (a chart or a table, chosen by the answer's shape); these
// words choose another, or both. The words are taken out of the question, so "table" is never
// read as a DynamoDB table nor "chart" as a name.

/** Which of an answer's views of the same numbers to show. */
export type AnswerView = 'table' | 'chart' | 'both';

const chartNoun = String.raw`(?:bar |line )?(?:chart|graph|plot)`;
const tableNoun = String.raw`table`;
const article = String.raw`(?:an? |the )?`;
const intro = String.raw`(?:(?:show(?: me)?|give me|draw|display|(?:put|make) (?:it|them|that) (?:in|into))\s+)?`;

/** "as a chart and a table", "with a table and a graph", "both". */
const bothWords = new RegExp(String.raw`\b(?:(?:as|in|with) )?${article}(?:${chartNoun} and ${article}${tableNoun}|${tableNoun} and ${article}${chartNoun})(?: too| both)?\b|\b(?:as )?both (?:views|ways)\b`, 'i');
/** "as a table", "in a table", "in table form", "tabular"; a bare "table" is a DynamoDB table. */
const tableWords = new RegExp(String.raw`\b${intro}(?:(?:as|in|into) ${article}${tableNoun}(?: form| view)?|tabular(?:ly)?|tabulated?)\b`, 'i');
/** "as a chart", "chart it", "a graph of", "plot". */
const chartWords = new RegExp(String.raw`\b${intro}(?:(?:as|in|on|with|into) )?${article}${chartNoun}(?:ted)?(?: (?:it|them|that|this))?(?: (?:of|for))?\b`, 'i');

export interface ViewMention {
  view: AnswerView | undefined;
  /** The question without the view's words. */
  rest: string;
}

/** The view a question asks for, and the question without those words. */
export function readView(text: string): ViewMention {
  for (const [view, words] of [['both', bothWords], ['table', tableWords], ['chart', chartWords]] as const) {
    const match = words.exec(text);
    if (match) return { view, rest: `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`.replace(/\s+/g, ' ').trim() };
  }
  return { view: undefined, rest: text };
}
