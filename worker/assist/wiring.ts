/** What the conversation object calls of agent assist, in one import: its wiring stays a few lines. */
export { knowledgeBaseProducts } from "../ai/embedded/summarize";
export { agentMessageEntry, aiTyping, withDraftRow } from "./agent-message";
export { quickReplyFrame, withQuickReplies } from "./quick-replies";
