/** What the bot hands the store, and what it reads back: the store redacts, hashes and cleans on the way in. */

export type Scope = 'personal' | 'group' | 'channel';

export interface QuestionRecord {
  council: string;
  scope: Scope;
  status: string;
  reason?: string | undefined;
  entryId?: string | undefined;
  confidence: number;
  passage?: string | undefined;
  notCovered?: string | undefined;
  /** As typed: redacted here, before it is queued. */
  text: string;
  /** As Teams gives it: hashed here. */
  conversationId: string;
  /** The council's vocabulary: capitalised words it does not know are taken for names (see redact). */
  knows?: ((word: string) => boolean) | undefined;
  /** The entries a "which one?" offered. */
  options?: string[] | undefined;
  /** The approved helpdesk answer given (status helpdesk). */
  helpdeskAnswerId?: string | undefined;
}

export interface FeedbackRecord {
  reaction: 'like' | 'dislike';
  /** As typed: redacted here. */
  comment?: string | undefined;
  messageId?: string | undefined;
  /** As Teams gives it: hashed here. With messageId, it names the answered message. */
  conversationId: string;
  council?: string | undefined;
  entryId?: string | undefined;
  questionId?: string | undefined;
  knows?: ((word: string) => boolean) | undefined;
}

export interface AnsweredMessage {
  messageId: string;
  council: string;
  /** Null for a helpdesk answer. */
  entryId: string | null;
  questionId: string | null;
  escalationId: string | null;
  helpdeskAnswerId: string | null;
}

/** A conversation's last procedure answer, for reading a follow-up. */
export interface RecentAnswer {
  council: string;
  /** The entry answered; none when the reply was a "which one?". */
  entryId?: string | undefined;
  /** The choices a "which one?" offered. */
  options?: readonly string[] | undefined;
  sentAt: Date;
  /** The question it answered, as stored (redacted); none when the answer came from a pressed option. */
  question?: string | undefined;
}

export interface AnswerMessageRecord {
  /** The id Teams gave the bot's message: what a thumbs press on it names. */
  messageId: string;
  questionId?: string | undefined;
  council: string;
  /** The entry answered with; unset for a helpdesk answer, which names its escalation instead. */
  entryId?: string | undefined;
  escalationId?: string | undefined;
  helpdeskAnswerId?: string | undefined;
  /** As Teams gives it: hashed here. */
  conversationId: string;
}

export interface ConversationSettings {
  council?: string | undefined;
  welcomed: boolean;
}

/** A conversation's newest guided tour, and the message that carries its card when the client gave it an id. */
export interface NewestTour {
  tour: string;
  messageId: string | undefined;
}
