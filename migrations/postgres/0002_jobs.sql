-- 0002_jobs: job runs, their log lines, and per-model schedules (the scheduler's own records).
-- Quartz's tables (qrtz_*) are not here: Quartz creates them itself (SchemaProvisioning.CreateIfMissing).
-- Column names and types must agree with GovernanceDbContext's model; a test compares them.

CREATE TABLE job_runs (
    id uuid NOT NULL,
    kind text NOT NULL,
    model_name text,
    "trigger" text NOT NULL,
    status text NOT NULL,
    progress double precision NOT NULL,
    status_line text NOT NULL,
    attempts integer NOT NULL,
    max_attempts integer NOT NULL,
    node_name text,
    error text,
    initiator text NOT NULL,
    requires_gpu boolean NOT NULL,
    parameters text NOT NULL,
    retry_of_run_id uuid,
    created_at timestamp with time zone NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    cancel_requested_at timestamp with time zone,
    cancel_requested_by text,
    next_retry_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_job_runs" PRIMARY KEY (id)
);

CREATE TABLE job_run_logs (
    run_id uuid NOT NULL,
    sequence integer NOT NULL,
    at timestamp with time zone NOT NULL,
    attempt integer NOT NULL,
    message text NOT NULL,
    CONSTRAINT "PK_job_run_logs" PRIMARY KEY (run_id, sequence),
    CONSTRAINT "FK_job_run_logs_job_runs_run_id" FOREIGN KEY (run_id) REFERENCES job_runs (id) ON DELETE RESTRICT
);

CREATE TABLE model_schedules (
    id uuid NOT NULL,
    model_name text NOT NULL,
    kind text NOT NULL,
    cron text NOT NULL,
    time_zone_id text NOT NULL,
    enabled boolean NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_model_schedules" PRIMARY KEY (id)
);

CREATE INDEX "IX_job_runs_status_created_at" ON job_runs (status, created_at);
CREATE INDEX "IX_job_runs_model_name_created_at" ON job_runs (model_name, created_at);
-- One active (Queued or Running) run per model and kind: no two retrains of one model at once.
CREATE UNIQUE INDEX ux_job_runs_active_per_model_kind ON job_runs (model_name, kind)
    WHERE model_name IS NOT NULL AND status IN ('Queued', 'Running');
CREATE UNIQUE INDEX "IX_model_schedules_model_name_kind" ON model_schedules (model_name, kind);
