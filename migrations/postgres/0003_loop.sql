-- Evidence of the governance loop: training runs, evaluation/bias/drift records, release policies,
-- approval requests and webhooks. Started from GenerateCreateScript(); the schema-agreement test keeps it in step.

CREATE TABLE webhook_subscriptions (
    id uuid NOT NULL,
    url text NOT NULL,
    secret text NOT NULL,
    events text NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by text NOT NULL,
    CONSTRAINT "PK_webhook_subscriptions" PRIMARY KEY (id)
);

CREATE TABLE drift_reports (
    id uuid NOT NULL,
    model_id uuid NOT NULL,
    production_version_id uuid,
    reference_dataset_version_id uuid NOT NULL,
    current_dataset_version_id uuid NOT NULL,
    job_run_id uuid,
    breached boolean NOT NULL,
    statistic double precision,
    resolved boolean NOT NULL,
    resolved_by text,
    resolved_at timestamp with time zone,
    resolution text NOT NULL,
    result text NOT NULL,
    result_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_drift_reports" PRIMARY KEY (id),
    CONSTRAINT "FK_drift_reports_models_model_id" FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE RESTRICT
);

CREATE TABLE release_policies (
    id uuid NOT NULL,
    model_id uuid NOT NULL,
    version integer NOT NULL,
    policy text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by text NOT NULL,
    CONSTRAINT "PK_release_policies" PRIMARY KEY (id),
    CONSTRAINT "FK_release_policies_models_model_id" FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE RESTRICT
);

CREATE TABLE training_runs (
    id uuid NOT NULL,
    job_run_id uuid NOT NULL,
    model_id uuid NOT NULL,
    dataset_version_id uuid,
    parent_version_id uuid,
    config text NOT NULL,
    seed bigint NOT NULL,
    device text NOT NULL,
    status text NOT NULL,
    loss_curve text NOT NULL,
    checkpoint_hash text,
    artifact_hash text,
    model_version_id uuid,
    error text NOT NULL,
    started_at timestamp with time zone NOT NULL,
    finished_at timestamp with time zone,
    CONSTRAINT "PK_training_runs" PRIMARY KEY (id),
    CONSTRAINT "FK_training_runs_models_model_id" FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE RESTRICT
);

CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    subscription_id uuid NOT NULL,
    event text NOT NULL,
    payload text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    status text NOT NULL,
    last_error text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone,
    CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY (id),
    CONSTRAINT "FK_webhook_deliveries_webhook_subscriptions_subscription_id" FOREIGN KEY (subscription_id) REFERENCES webhook_subscriptions (id) ON DELETE RESTRICT
);

CREATE TABLE approval_requests (
    id uuid NOT NULL,
    model_version_id uuid NOT NULL,
    initiator text NOT NULL,
    required_roles text NOT NULL,
    evidence_hash text NOT NULL,
    evidence text NOT NULL,
    policy_version integer NOT NULL,
    status text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    closed_at timestamp with time zone,
    decisions text NOT NULL,
    CONSTRAINT "PK_approval_requests" PRIMARY KEY (id),
    CONSTRAINT "FK_approval_requests_model_versions_model_version_id" FOREIGN KEY (model_version_id) REFERENCES model_versions (id) ON DELETE RESTRICT
);

CREATE TABLE bias_reports (
    id uuid NOT NULL,
    model_id uuid NOT NULL,
    candidate_version_id uuid NOT NULL,
    dataset_version_id uuid NOT NULL,
    job_run_id uuid,
    worst_disparate_impact double precision,
    max_equalized_odds_gap double precision,
    counterfactual_flip_rate double precision,
    result text NOT NULL,
    result_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_bias_reports" PRIMARY KEY (id),
    CONSTRAINT "FK_bias_reports_model_versions_candidate_version_id" FOREIGN KEY (candidate_version_id) REFERENCES model_versions (id) ON DELETE RESTRICT
);

CREATE TABLE evaluation_records (
    id uuid NOT NULL,
    model_id uuid NOT NULL,
    candidate_version_id uuid NOT NULL,
    production_version_id uuid,
    dataset_version_id uuid NOT NULL,
    job_run_id uuid,
    sample_count bigint NOT NULL,
    macro_f1 double precision NOT NULL,
    macro_f1_lower double precision NOT NULL,
    macro_f1_upper double precision NOT NULL,
    accuracy double precision NOT NULL,
    macro_f1_difference double precision,
    result text NOT NULL,
    result_hash text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_evaluation_records" PRIMARY KEY (id),
    CONSTRAINT "FK_evaluation_records_model_versions_candidate_version_id" FOREIGN KEY (candidate_version_id) REFERENCES model_versions (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_approval_requests_model_version_id" ON approval_requests (model_version_id);

CREATE INDEX "IX_approval_requests_status_expires_at" ON approval_requests (status, expires_at);

CREATE INDEX "IX_bias_reports_candidate_version_id" ON bias_reports (candidate_version_id);

CREATE INDEX "IX_drift_reports_model_id_breached_resolved" ON drift_reports (model_id, breached, resolved);

CREATE INDEX "IX_evaluation_records_candidate_version_id" ON evaluation_records (candidate_version_id);

CREATE INDEX "IX_evaluation_records_model_id" ON evaluation_records (model_id);

CREATE UNIQUE INDEX "IX_release_policies_model_id_version" ON release_policies (model_id, version);

CREATE UNIQUE INDEX "IX_training_runs_job_run_id" ON training_runs (job_run_id);

CREATE INDEX "IX_training_runs_model_id" ON training_runs (model_id);

CREATE INDEX "IX_webhook_deliveries_status_next_attempt_at" ON webhook_deliveries (status, next_attempt_at);

CREATE INDEX "IX_webhook_deliveries_subscription_id" ON webhook_deliveries (subscription_id);
