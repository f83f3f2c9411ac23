// Every sentence the bot or the ask command says to a person, in one place; tests assert on these.

export const messages = {
  clarifyPrompt: 'Your question fits more than one procedure. Which one do you mean?',
  noneOfThese: 'None of these',
  /** A neighbouring topic whose procedure names no one to ask: said plainly, no contact made up. */
  noContactNamed: "The procedure doesn't name who to ask about this.",
  noMatch: (councilName: string) => `I couldn't find that in ${councilName}'s Commissioning and Brokerage Procedures.`,
  notCovered: (topic: string, councilName: string) =>
    `${councilName}'s Commissioning and Brokerage Procedures don't cover ${topic}.`,
  smalltalk: (kind: string, councilName: string) =>
    kind === 'thanks'
      ? "You're welcome. Ask me another question any time, for example:"
      : kind === 'farewell'
        ? 'Bye for now. When you need a procedure, ask me, for example:'
        : `${kind === 'greeting' ? 'Hello! ' : ''}I'm a bot that answers questions from ${councilName}'s Commissioning and Brokerage Procedures: which Mosaic workstep, which next step, what goes in the notes field and who does what next. Ask in your own words, for example:`,
  suggestionsIntro: 'These might be close:',
  askInstead: (text: string) => `Where to ask instead: ${text}`,
  turnError: "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment.",
  emptyQuestion: 'Type a question about arranging, changing, suspending or ending care services, or type help.',
  tooLong: 'That message is too long for me. Please ask your question in a sentence or two.',
  slowDown: "You're asking faster than I can keep up with. Please wait a minute, then ask again.",
  unknownEntry: "Sorry, that option is no longer available. Please ask your question again.",
  linkNoAddress: 'address not published; ask your team',
  importantPrefix: 'Important:',
  answerLabel: 'Answer from the procedure',
  wholeProcedure: 'The whole procedure',
  /** Where the answering sentence stands in the whole procedure, shown once above. */
  answerAbove: '(the answer, shown above)',
  alsoApplies: (titles: readonly string[]) => `The same applies to: ${titles.join('; ')}.`,
  seeAlso: 'See also:',
  questionPrefix: 'Q:',
  answerPrefix: 'A:',
  sourcePrefix: 'Source:',
  citedFrom: (section: string) => `From the procedure: ${section} [1]`,
  relatedTitle: 'Related questions',
  welcomeTitle: 'Commissioning and Brokerage Procedures helper',
  welcomeIntro: (councilName: string, version: string, updated: string) =>
    `I answer questions from ${councilName}'s Commissioning and Brokerage Procedures (${version}, last updated ${updated}). Ask in your own words, for example:`,
  commandsHelp:
    'Commands: help shows this message; topics lets you browse the procedures by service; tour walks you through the whole procedure in order; council followed by a council name switches council.',
  welcomeNewStaff: (term: string) => `New here? Type tour to read the procedure one topic at a time, or ask me what a word means, for example: what is ${term}?`,
  tourButton: 'Take the tour',
  tourProgress: (step: number, total: number, councilName: string) => `Tour of ${councilName}'s procedure: ${step} of ${total}`,
  tourNext: 'Next',
  tourBack: 'Back',
  tourFull: 'Full procedure',
  tourMoved: 'This tour continues in a newer message below.',
  tourEnd: 'That is the whole procedure. Type topics to browse it by service, or ask me a question.',
  noTour: "This council's procedure has no tour yet. Type topics to browse it by service.",
  whereItAppears: 'Where it appears',
  overviewSteps: 'Each step in full',
  topicsTitle: 'Browse the procedures by service',
  allTopics: 'All topics',
  linksTitle: 'Links',
  openProcedure: 'Open the procedures document',
  search: {
    nothing: 'No procedure matches those words. Try what you need to do and the service, for example: increase home care.',
    unknownCommand: 'This search is no longer available. Update the app, or ask the bot in a chat.',
  },
  topicTitle: (label: string) => `${label}: questions I can answer`,
  councilSwitched: (name: string) => `Now answering from ${name}'s procedures in this conversation.`,
  councilUnknown: (known: string) => `I don't know that council. Councils I can answer for: ${known}.`,
  councilCurrent: (name: string, known: string) => `Answering from ${name}'s procedures. Councils available: ${known}.`,
  helpdesk: {
    offer: 'You can send this question to the helpdesk below; their answer will come to this chat.',
    channelWelcome:
      "Hello. This channel is the procedures helpdesk: when practitioners send me a question I can't answer, it appears here for one of you to take and answer. The answer goes back to their chat.",
    button: 'Ask the helpdesk',
    questionLabel: 'Your question (you can add to it)',
    detailLabel: 'Anything else the helpdesk should know (optional)',
    detailPlaceholder: 'For example, what you have already tried',
    send: 'Send to the helpdesk',
    dislikedIntro: "Sorry that didn't help.",
    sent: (councilName: string) => `Sent to ${councilName}'s helpdesk. Their answer will come to this chat.`,
    emptyQuestion: 'Please type the question you want to send to the helpdesk.',
    notSent: "Sorry, I couldn't reach the helpdesk just now. Your question is kept and they can still see it.",
    unavailable: "Sorry, I can't send questions to the helpdesk at the moment.",
    cardTitle: (councilName: string) => `Question for the ${councilName} helpdesk`,
    askedBy: (name: string) => `Asked by ${name}`,
    detail: 'More detail',
    botSaid: 'What the bot said',
    botFoundNothing: 'Nothing: the question is not in the procedures as the bot reads them.',
    botAnswered: (title: string) => `It answered with "${title}", and was given a thumbs down.`,
    take: "I'll take it",
    takenBy: (name: string) => `Taken by ${name}`,
    answerLabel: 'Answer',
    answerPlaceholder: 'Write the answer the practitioner will receive',
    sendAnswer: 'Send answer',
    answeredBy: (name: string | undefined, when: string) => (name ? `Answered by ${name}, ${when}` : `Answered, ${when}`),
    answerTitle: 'Answer from the helpdesk',
    youAsked: 'You asked:',
    from: (name: string) => `From ${name}, helpdesk`,
    onlyHelpdesk: 'Only members of the helpdesk team can take or answer these questions.',
    emptyAnswer: 'Please write an answer before sending it.',
    alreadyAnswered: 'This question has already been answered.',
    notDelivered: "The answer couldn't be delivered to the practitioner's chat just now; nothing was sent. Please try again later.",
    gone: 'This question is no longer in the helpdesk list (it may be older than the retention period).',
    addToAnswers: "Add to the bot's answers",
    generalLabel: "The question in a general form, for the bot's answers (no names)",
    generalPlaceholder: 'For example: can a home carer walk the person\'s dog?',
  },
  // Helpdesk answers the bot gives once a helpdesk lead has approved them.
  helpdeskAnswers: {
    label: 'From the helpdesk, not the procedure',
    approvedOn: (date: string) => `Approved by the helpdesk on ${date}.`,
    related: 'The procedure nearest to it:',
    proposedTitle: (councilName: string) => `Add to ${councilName}'s bot answers?`,
    approvedTitle: (councilName: string) => `In ${councilName}'s bot answers`,
    rejectedTitle: 'Not added to the bot\'s answers',
    retiredTitle: 'Retired from the bot\'s answers',
    proposedBy: (name: string) => `Proposed by ${name}. Only a helpdesk lead can approve it.`,
    approvedBy: (name: string, when: string) => `Approved by ${name}, ${when}. The bot gives it when no procedure answers a question like this.`,
    questionHeading: 'Question (general form)',
    answerHeading: 'Answer',
    askedAs: 'Asked as',
    approve: 'Approve',
    edit: 'Edit',
    reject: 'Reject',
    retire: 'Retire',
    save: 'Save changes',
    onlyLeads: "Only the council's helpdesk leads can approve, edit or retire the bot's answers. Nothing was changed.",
    changed: 'This answer was changed by someone else meanwhile: the card now shows it as it is.',
    emptyEdit: 'Please give both the question and the answer.',
    gone: 'This answer is no longer in the store.',
    dislikedTitle: 'A helpdesk answer was given a thumbs down',
    dislikedComment: (comment: string) => `Their comment: ${comment}`,
    notProposed: "The answer went to the practitioner, but it couldn't be put to the leads for the bot's answers just now.",
  },
  factWorkstep: 'Mosaic workstep',
  factNextStep: 'Next step',
  factNotes: 'Notes field',
  cli: {
    usage:
      'usage: npm run ask -- [--council <id>] [--json] [--batch | --session] [--after "question"] [--explain] [question words...]\n' +
      '  --council <id>  council pack to answer from (default: $COUNCIL, else reading)\n' +
      '  --json          one JSON object per question on stdout\n' +
      '  --batch         read questions from stdin, one per line; JSON lines out\n' +
      '  --session       as --batch, but each question follows the last answer, as in a chat (follow-ups)\n' +
      '  --after "q"     answer the question as a follow-up to "q" (its answer is the context)\n' +
      '  --explain       how the question was read and weighed',
    unknownCouncil: (council: string, known: string) => `unknown council "${council}"; known councils: ${known}`,
    reportUsage:
      'usage: npm run report -- [--since 7d|30d|YYYY-MM-DD] [--until YYYY-MM-DD] [--council <id>] [--format json|html|csv] [--out FILE]\n' +
      '  --since   start of the window: a number of days back (7d) or a date (default 30d)\n' +
      '  --until   end of the window, exclusive (default now)\n' +
      '  --council one council only (default every council)\n' +
      '  --format  json (default), html (one self-contained page) or csv (the redacted question log)\n' +
      '  --out     write to FILE instead of standard output',
    badSince: (value: string) => `--since: expected a number of days such as 7d, or a date YYYY-MM-DD; got "${value}"`,
    badUntil: (value: string) => `--until: expected a date YYYY-MM-DD; got "${value}"`,
    badFormat: (value: string) => `--format: expected json, html or csv; got "${value}"`,
    reportWritten: (file: string) => `report written to ${file}`,
    exportUsage:
      'usage: npm run knowledge:export-answers -- --council <id> [--out FILE]\n' +
      "  --council  the council whose approved helpdesk answers to export (as Q&A pairs in the pack's YAML)\n" +
      '  --out      write to FILE (for example knowledge/<id>/helpdesk-answers.yaml) instead of standard output',
    exportWritten: (n: number, file: string) => `${n} approved helpdesk answer(s) written to ${file}`,
    reportFailed: (code: string, reason: string) => `the report could not be read from the store (${code}: ${reason})`,
    syncUsage:
      'usage: npm run knowledge:sync -- --council <id> [--source FILE] [--format text|json]\n' +
      "  --council  the pack to compare\n" +
      "  --source   the procedure as text (default: the pack's sync.source)\n" +
      '  --format   text (default, for people) or json\n' +
      'exit 0 in step, 1 not in step, 2 bad input',
    syncNoSource: (council: string) => `--source: give the procedure's text file (the ${council} pack names none in sync.source)`,
    syncMissingFile: (file: string) => `--source: ${file}: file not found`,
    syncBadFormat: (value: string) => `--format: expected text or json; got "${value}"`,
    syncInStep: (council: string, version: string, source: string) => `${council}: the pack (${version}) is in step with ${source}`,
    syncNotInStep: (council: string, version: string, source: string) => `${council}: the pack (${version}) is NOT in step with ${source}`,
    syncStaleTitle: (n: number) => `${n} stale sentence(s): in the pack, no longer in the procedure. Reword or remove them:`,
    syncUncoveredTitle: (n: number) => `${n} uncovered sentence(s): in the procedure, in no entry. Add them to an entry:`,
    syncClosest: (id: string) => `closest entry: ${id}`,
    syncHint: (packFile: string) =>
      `A deliberate difference (a heading left out, a corrected misspelling) goes under sync.differences in ${packFile}, with its reason. Then update document.version and updated there.`,
  },
} as const;
