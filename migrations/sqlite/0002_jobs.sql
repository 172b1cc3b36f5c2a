-- 0002_jobs: job runs, their log lines, and per-model schedules (the scheduler's own records).
-- Quartz's tables (qrtz_*) are not here: Quartz creates them itself (SchemaProvisioning.CreateIfMissing).
-- Column names and types must agree with GovernanceDbContext's model; a test compares them.
-- Times are INTEGER microseconds since the Unix epoch (UTC); GUIDs are TEXT; booleans INTEGER.

CREATE TABLE "job_runs" (
    "id" TEXT NOT NULL CONSTRAINT "PK_job_runs" PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "model_name" TEXT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" REAL NOT NULL,
    "status_line" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "node_name" TEXT NULL,
    "error" TEXT NULL,
    "initiator" TEXT NOT NULL,
    "requires_gpu" INTEGER NOT NULL,
    "parameters" TEXT NOT NULL,
    "retry_of_run_id" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "started_at" INTEGER NULL,
    "finished_at" INTEGER NULL,
    "cancel_requested_at" INTEGER NULL,
    "cancel_requested_by" TEXT NULL,
    "next_retry_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE TABLE "job_run_logs" (
    "run_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    CONSTRAINT "PK_job_run_logs" PRIMARY KEY ("run_id", "sequence"),
    CONSTRAINT "FK_job_run_logs_job_runs_run_id" FOREIGN KEY ("run_id") REFERENCES "job_runs" ("id") ON DELETE RESTRICT
);

CREATE TABLE "model_schedules" (
    "id" TEXT NOT NULL CONSTRAINT "PK_model_schedules" PRIMARY KEY,
    "model_name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "time_zone_id" TEXT NOT NULL,
    "enabled" INTEGER NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL
);

CREATE INDEX "IX_job_runs_status_created_at" ON "job_runs" ("status", "created_at");
CREATE INDEX "IX_job_runs_model_name_created_at" ON "job_runs" ("model_name", "created_at");
-- One active (Queued or Running) run per model and kind: no two retrains of one model at once.
CREATE UNIQUE INDEX "ux_job_runs_active_per_model_kind" ON "job_runs" ("model_name", "kind")
    WHERE model_name IS NOT NULL AND status IN ('Queued', 'Running');
CREATE UNIQUE INDEX "IX_model_schedules_model_name_kind" ON "model_schedules" ("model_name", "kind");
