import type { Logger } from 'pino';
import type { AnswerEngine } from '../engine/index.js';
import { describeError } from '../store/errors.js';
import type { HelpdeskAnswer } from '../store/helpdesk-answers.js';
import type { BotStore } from '../store/store.js';

interface Phrasings {
  texts: string[];
  /** Which answer each text stands for. */
  owners: HelpdeskAnswer[];
}

/**
 * The approved helpdesk answers this instance gives, read from the store on a timer (never per question), so
 * an answer a lead approves through any instance is given by every instance within one refresh. Kept per
 * council: a council's answers are matched against its own questions only.
 */
export class ServedAnswers {
  private byCouncil = new Map<string, Phrasings>();
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly store: BotStore,
    private readonly engine: AnswerEngine,
    private readonly logger: Logger,
    private readonly refreshMs: number,
  ) {}

  /** Reads them now and then every refreshMs; the timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One read of the store; a failed one keeps the answers already known. Never rejects. */
  refresh(): Promise<void> {
    if (this.store.health() !== 'up') return Promise.resolve();
    this.refreshing ??= this.store.helpdeskAnswers
      .approved()
      .then(
        (rows) => {
          const next = new Map<string, Phrasings>();
          for (const row of rows) {
            const own = next.get(row.council) ?? { texts: [], owners: [] };
            for (const text of [row.question, ...row.wordings]) {
              own.texts.push(text);
              own.owners.push(row);
            }
            next.set(row.council, own);
          }
          this.byCouncil = next;
        },
        (error: unknown) => this.logger.warn({ event: 'helpdesk-answers-unread', ...describeError(error) }, 'approved helpdesk answers not refreshed'),
      )
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** The council's approved answer to a question like this one, if any. */
  find(question: string, council: string): HelpdeskAnswer | undefined {
    const own = this.byCouncil.get(council);
    if (!own) return undefined;
    const match = this.engine.matchPhrasings(question, council, own.texts);
    return match ? own.owners[match.index] : undefined;
  }
}
