-- Custom migration: knowledge gaps recorded before gaps had an id are keyed by their conversation and handoff, so
-- the next migration can make the id the table's key.
UPDATE `knowledge_gaps` SET `id` = `conversation_id` || ':' || `handoff_id` WHERE `id` IS NULL;
