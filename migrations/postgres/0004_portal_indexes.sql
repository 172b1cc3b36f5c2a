-- 0004_portal_indexes: the audit page pages newest first by sequence under a filter, so each
-- filter column's index carries the sequence after it: the page is an index range read backwards and
-- stops after 51 rows, instead of sorting every matching row. The subject-prefix filter (a model and
-- all its versions) reads subject_id with LIKE 'name/%': text_pattern_ops keeps that an index range
-- whatever the database's collation.
DROP INDEX "IX_audit_events_actor";
DROP INDEX "IX_audit_events_action";
DROP INDEX "IX_audit_events_subject_type_subject_id";

CREATE INDEX "IX_audit_events_actor_sequence" ON audit_events (actor, sequence);

CREATE INDEX "IX_audit_events_action_sequence" ON audit_events (action, sequence);

CREATE INDEX "IX_audit_events_subject_type_subject_id_sequence" ON audit_events (subject_type, subject_id, sequence);

CREATE INDEX "IX_audit_events_subject_id" ON audit_events (subject_id text_pattern_ops);

-- The models list reads each model's production version: one index seek per model.
CREATE INDEX "IX_model_versions_model_id_stage" ON model_versions (model_id, stage);
