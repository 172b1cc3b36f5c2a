-- 0004_portal_indexes: the audit page pages newest first by sequence under a filter, so each
-- filter column's index carries the sequence after it (an index range read backwards, stopping after
-- 51 rows). The subject-prefix filter reads subject_id as a range ('name/' < id < 'name0') in
-- SQLite's binary collation, served by IX_audit_events_subject_id.
DROP INDEX "IX_audit_events_actor";
DROP INDEX "IX_audit_events_action";
DROP INDEX "IX_audit_events_subject_type_subject_id";

CREATE INDEX "IX_audit_events_actor_sequence" ON "audit_events" ("actor", "sequence");

CREATE INDEX "IX_audit_events_action_sequence" ON "audit_events" ("action", "sequence");

CREATE INDEX "IX_audit_events_subject_type_subject_id_sequence" ON "audit_events" ("subject_type", "subject_id", "sequence");

CREATE INDEX "IX_audit_events_subject_id" ON "audit_events" ("subject_id");

CREATE INDEX "IX_model_versions_model_id_stage" ON "model_versions" ("model_id", "stage");
