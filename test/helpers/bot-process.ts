// The bot in its own process: shared with the benchmarks that start it (src/bench).
export { startBotProcess, type BotProcess } from '../../src/bench/bot-process.js';
