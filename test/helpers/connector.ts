// The Bot Connector stand-in: shared with the fuzzer (src/fuzz), which runs outside the tests too.
export { connectorStandIn, type ConnectorStandIn, type Posted } from '../../src/bench/connector-stand-in.js';
