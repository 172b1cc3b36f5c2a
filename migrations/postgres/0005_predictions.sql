-- 0005_predictions: the sampled prediction log of production versions (serving), with the drift
-- features of each input, the redacted text where the model's policy allows it, and fed-back labels.

CREATE TABLE predictions (
    id uuid NOT NULL,
    model_id uuid NOT NULL,
    model_version_id uuid NOT NULL,
    version_number integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    label integer NOT NULL,
    confidence double precision NOT NULL,
    probabilities text NOT NULL,
    features text NOT NULL,
    token_count integer NOT NULL,
    non_ascii boolean NOT NULL,
    text text,
    feedback_label integer,
    feedback_at timestamp with time zone,
    feedback_by text,
    CONSTRAINT "PK_predictions" PRIMARY KEY (id),
    CONSTRAINT "FK_predictions_models_model_id" FOREIGN KEY (model_id) REFERENCES models (id) ON DELETE RESTRICT,
    CONSTRAINT "FK_predictions_model_versions_model_version_id" FOREIGN KEY (model_version_id) REFERENCES model_versions (id) ON DELETE RESTRICT
);

CREATE INDEX "IX_predictions_model_id_created_at" ON predictions (model_id, created_at);

CREATE INDEX "IX_predictions_model_id_feedback_at" ON predictions (model_id, feedback_at);

CREATE INDEX "IX_predictions_model_version_id" ON predictions (model_version_id);
