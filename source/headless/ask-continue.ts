import type { Answer } from '../answer/answer.js';
import { Conversation } from '../chat/conversation.js';
import type { ChatSession } from '../chat/session.js';
import type { Plan } from '../understanding/plan.js';

/** How far back the last plan is looked for: past a run of replies that had none (refusals, clarifications). */
const searchedTurns = 20;

/**
 * `qchat ask --continue`: the question belongs to the user's last conversation (Pro keeps it), so
 * a follow-up ("only the stopped ones", "what about last month?") changes that conversation's last
 * plan, restored from history as it was answered (flags such as --all-regions included) and
 * checked against the plan's shape (chat/conversation.ts), and the turn is kept there.
 */
export class ContinuedConversation {
  private constructor(
    private readonly conversation: Conversation,
    /** The plan the next follow-up changes. */
    public previous: Plan | undefined,
  ) {}

  static async open(session: ChatSession): Promise<ContinuedConversation> {
    const conversation = new Conversation(session);
    await conversation.start({ announceRestore: false, turns: searchedTurns });
    return new ContinuedConversation(conversation, conversation.previousPlan);
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
