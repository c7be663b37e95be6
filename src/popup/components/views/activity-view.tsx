// Activity: the tools' requests to the connections' APIs, as the worker saw them.
export { Activity as ActivityView } from '../activity';
