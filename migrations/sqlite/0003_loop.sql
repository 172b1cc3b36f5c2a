-- Evidence of the governance loop: training runs, evaluation/bias/drift records, release policies,
-- approval requests and webhooks. Started from GenerateCreateScript(); the schema-agreement test keeps it in step.

CREATE TABLE "webhook_subscriptions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL
);

CREATE TABLE "drift_reports" (
    "id" TEXT NOT NULL CONSTRAINT "PK_drift_reports" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "production_version_id" TEXT NULL,
    "reference_dataset_version_id" TEXT NOT NULL,
    "current_dataset_version_id" TEXT NOT NULL,
    "job_run_id" TEXT NULL,
    "breached" INTEGER NOT NULL,
    "statistic" REAL NULL,
    "resolved" INTEGER NOT NULL,
    "resolved_by" TEXT NULL,
    "resolved_at" INTEGER NULL,
    "resolution" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "result_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_drift_reports_models_model_id" FOREIGN KEY ("model_id") REFERENCES "models" ("id") ON DELETE RESTRICT
);

CREATE TABLE "release_policies" (
    "id" TEXT NOT NULL CONSTRAINT "PK_release_policies" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "policy" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    CONSTRAINT "FK_release_policies_models_model_id" FOREIGN KEY ("model_id") REFERENCES "models" ("id") ON DELETE RESTRICT
);

CREATE TABLE "training_runs" (
    "id" TEXT NOT NULL CONSTRAINT "PK_training_runs" PRIMARY KEY,
    "job_run_id" TEXT NOT NULL,
    "model_id" TEXT NOT NULL,
    "dataset_version_id" TEXT NULL,
    "parent_version_id" TEXT NULL,
    "config" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "device" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "loss_curve" TEXT NOT NULL,
    "checkpoint_hash" TEXT NULL,
    "artifact_hash" TEXT NULL,
    "model_version_id" TEXT NULL,
    "error" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "finished_at" INTEGER NULL,
    CONSTRAINT "FK_training_runs_models_model_id" FOREIGN KEY ("model_id") REFERENCES "models" ("id") ON DELETE RESTRICT
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY,
    "subscription_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "last_error" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "delivered_at" INTEGER NULL,
    CONSTRAINT "FK_webhook_deliveries_webhook_subscriptions_subscription_id" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "approval_requests" (
    "id" TEXT NOT NULL CONSTRAINT "PK_approval_requests" PRIMARY KEY,
    "model_version_id" TEXT NOT NULL,
    "initiator" TEXT NOT NULL,
    "required_roles" TEXT NOT NULL,
    "evidence_hash" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "policy_version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "closed_at" INTEGER NULL,
    "decisions" TEXT NOT NULL,
    CONSTRAINT "FK_approval_requests_model_versions_model_version_id" FOREIGN KEY ("model_version_id") REFERENCES "model_versions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "bias_reports" (
    "id" TEXT NOT NULL CONSTRAINT "PK_bias_reports" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "candidate_version_id" TEXT NOT NULL,
    "dataset_version_id" TEXT NOT NULL,
    "job_run_id" TEXT NULL,
    "worst_disparate_impact" REAL NULL,
    "max_equalized_odds_gap" REAL NULL,
    "counterfactual_flip_rate" REAL NULL,
    "result" TEXT NOT NULL,
    "result_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_bias_reports_model_versions_candidate_version_id" FOREIGN KEY ("candidate_version_id") REFERENCES "model_versions" ("id") ON DELETE RESTRICT
);

CREATE TABLE "evaluation_records" (
    "id" TEXT NOT NULL CONSTRAINT "PK_evaluation_records" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "candidate_version_id" TEXT NOT NULL,
    "production_version_id" TEXT NULL,
    "dataset_version_id" TEXT NOT NULL,
    "job_run_id" TEXT NULL,
    "sample_count" INTEGER NOT NULL,
    "macro_f1" REAL NOT NULL,
    "macro_f1_lower" REAL NOT NULL,
    "macro_f1_upper" REAL NOT NULL,
    "accuracy" REAL NOT NULL,
    "macro_f1_difference" REAL NULL,
    "result" TEXT NOT NULL,
    "result_hash" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_evaluation_records_model_versions_candidate_version_id" FOREIGN KEY ("candidate_version_id") REFERENCES "model_versions" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_approval_requests_model_version_id" ON "approval_requests" ("model_version_id");

CREATE INDEX "IX_approval_requests_status_expires_at" ON "approval_requests" ("status", "expires_at");

CREATE INDEX "IX_bias_reports_candidate_version_id" ON "bias_reports" ("candidate_version_id");

CREATE INDEX "IX_drift_reports_model_id_breached_resolved" ON "drift_reports" ("model_id", "breached", "resolved");

CREATE INDEX "IX_evaluation_records_candidate_version_id" ON "evaluation_records" ("candidate_version_id");

CREATE INDEX "IX_evaluation_records_model_id" ON "evaluation_records" ("model_id");

CREATE UNIQUE INDEX "IX_release_policies_model_id_version" ON "release_policies" ("model_id", "version");

CREATE UNIQUE INDEX "IX_training_runs_job_run_id" ON "training_runs" ("job_run_id");

CREATE INDEX "IX_training_runs_model_id" ON "training_runs" ("model_id");

CREATE INDEX "IX_webhook_deliveries_status_next_attempt_at" ON "webhook_deliveries" ("status", "next_attempt_at");

CREATE INDEX "IX_webhook_deliveries_subscription_id" ON "webhook_deliveries" ("subscription_id");
