export interface Feedback {
  reaction: 'like' | 'dislike';
  /** What the practitioner wrote, if anything. Kept for the helpdesk, never logged raw at info level. */
  comment?: string;
  council?: string;
  entryId?: string;
  /** The bot message the feedback is about. */
  replyToId?: string;
  at: string;
}

/** Where feedback goes. In memory for now; a persistent store implements the same interface later. */
export interface FeedbackStore {
  record(feedback: Feedback): Promise<void>;
  list(): Promise<Feedback[]>;
}

export class InMemoryFeedbackStore implements FeedbackStore {
  private readonly items: Feedback[] = [];
  constructor(private readonly limit = 10_000) {}

  async record(feedback: Feedback): Promise<void> {
    if (this.items.length >= this.limit) this.items.shift();
    this.items.push(feedback);
  }

  async list(): Promise<Feedback[]> {
    return [...this.items];
  }
}
