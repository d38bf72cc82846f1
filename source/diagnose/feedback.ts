import type { Feedback } from '../history/message.js';

/** Asked after a recognised diagnosis; the answer is kept with the diagnosis in history (Pro). */
export const helpfulQuestion = 'Was this helpful? (y/n)';

/** The feedback a reply to `helpfulQuestion` gives, or undefined when the reply is neither yes nor no. */
export function feedbackFromReply(reply: string): Feedback | undefined {
  const word = reply.trim().toLowerCase();
  if (word === 'y' || word === 'yes') return { rating: 'up' };
  if (word === 'n' || word === 'no') return { rating: 'down' };
  return undefined;
}
