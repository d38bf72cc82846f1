import type { Answer } from '../answer/answer.js';
import { Conversation } from '../chat/conversation.js';
import type { ChatSession } from '../chat/session.js';
import type { Plan } from '../understanding/plan.js';

/** How many answered turns are planned again to find the plan a follow-up changes: enough for a chain of follow-ups, bounded for long conversations. */
const replayedTurns = 20;

/**
 * `qchat ask --continue`: the question belongs to the user's last conversation (Pro keeps it), so
 * a follow-up ("only the stopped ones", "what about last month?") changes that conversation's last
 * plan, and the turn is kept there. The last plan is found by planning the conversation's last
 * answered questions again in order, not by trusting a plan read back from disk (whose shape may be
 * an older qchat's, or anything at all in a damaged file).
 */
export class ContinuedConversation {
  private constructor(
    private readonly conversation: Conversation,
    /** The plan the next follow-up changes. */
    public previous: Plan | undefined,
  ) {}

  static async open(session: ChatSession): Promise<ContinuedConversation> {
    const conversation = new Conversation(session);
    await conversation.start({ announceRestore: false, turns: replayedTurns });
    let previous: Plan | undefined;
    const answered = conversation.turns.filter((turn) => turn.reply.kind === 'answer' && turn.reply.plan !== undefined);
    for (const turn of answered.slice(-replayedTurns)) {
      const planned = session.plan(turn.question, previous);
      if (planned.kind === 'plan') previous = planned.plan;
    }
    return new ContinuedConversation(conversation, previous);
  }

  /** What opening history found that a script should know: nothing kept on Free, an unreadable file set aside. */
  notices(): string[] {
    return this.conversation.notices.splice(0);
  }

  async answered(question: string, plan: Plan, answer: Answer): Promise<void> {
    this.previous = plan;
    await this.conversation.record({ question, reply: { kind: 'answer', plan, answer } });
  }

  async replied(question: string, text: string): Promise<void> {
    await this.conversation.record({ question, reply: { kind: 'text', text } });
  }
}
