-- 0005_predictions: the sampled prediction log of production versions (serving), with the drift
-- features of each input, the redacted text where the model's policy allows it, and fed-back labels.

CREATE TABLE "predictions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_predictions" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "model_version_id" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "label" INTEGER NOT NULL,
    "confidence" REAL NOT NULL,
    "probabilities" TEXT NOT NULL,
    "features" TEXT NOT NULL,
    "token_count" INTEGER NOT NULL,
    "non_ascii" INTEGER NOT NULL,
    "text" TEXT NULL,
    "feedback_label" INTEGER NULL,
    "feedback_at" INTEGER NULL,
    "feedback_by" TEXT NULL,
    CONSTRAINT "FK_predictions_models_model_id" FOREIGN KEY ("model_id") REFERENCES "models" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_predictions_model_versions_model_version_id" FOREIGN KEY ("model_version_id") REFERENCES "model_versions" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_predictions_model_id_created_at" ON "predictions" ("model_id", "created_at");

CREATE INDEX "IX_predictions_model_id_feedback_at" ON "predictions" ("model_id", "feedback_at");

CREATE INDEX "IX_predictions_model_version_id" ON "predictions" ("model_version_id");
