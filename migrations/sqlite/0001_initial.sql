-- 0001_initial: registry, audit trail, API tokens and ASP.NET Core Identity (schema version 2).
-- Column names and types must agree with GovernanceDbContext's model; a test compares them.
-- Times are INTEGER microseconds since the Unix epoch (UTC), so they sort and compare; GUIDs are
-- TEXT. List columns hold JSON arrays as text. audit_events.payload is hashed byte for byte.

CREATE TABLE "api_tokens" (
    "id" TEXT NOT NULL CONSTRAINT "PK_api_tokens" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "owner_user_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "display_prefix" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NULL,
    "revoked_at" INTEGER NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "audit_events" (
    "sequence" INTEGER NOT NULL CONSTRAINT "PK_audit_events" PRIMARY KEY,
    "occurred_at" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "dataset_versions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_dataset_versions" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "format" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "row_count" INTEGER NOT NULL,
    "columns" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "window_start" INTEGER NULL,
    "window_end" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL
);

CREATE TABLE "models" (
    "id" TEXT NOT NULL CONSTRAINT "PK_models" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "risk_tier" TEXT NOT NULL,
    "intended_use" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sensitive_attributes" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "latest_version_number" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "model_versions" (
    "id" TEXT NOT NULL CONSTRAINT "PK_model_versions" PRIMARY KEY,
    "model_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "parent_version_id" TEXT NULL,
    "dataset_version_id" TEXT NULL,
    "artifact_hash" TEXT NULL,
    "training_config" TEXT NOT NULL,
    "seed" INTEGER NULL,
    "code_version" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    "stage_changed_at" INTEGER NOT NULL,
    CONSTRAINT "FK_model_versions_dataset_versions_dataset_version_id" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_model_versions_model_versions_parent_version_id" FOREIGN KEY ("parent_version_id") REFERENCES "model_versions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_model_versions_models_model_id" FOREIGN KEY ("model_id") REFERENCES "models" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_api_tokens_owner_user_name" ON "api_tokens" ("owner_user_name");

CREATE UNIQUE INDEX "IX_api_tokens_secret_hash" ON "api_tokens" ("secret_hash");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_audit_events_action" ON "audit_events" ("action");

CREATE INDEX "IX_audit_events_actor" ON "audit_events" ("actor");

CREATE INDEX "IX_audit_events_occurred_at" ON "audit_events" ("occurred_at");

CREATE UNIQUE INDEX "IX_audit_events_previous_hash" ON "audit_events" ("previous_hash");

CREATE INDEX "IX_audit_events_subject_type_subject_id" ON "audit_events" ("subject_type", "subject_id");

CREATE INDEX "IX_dataset_versions_content_hash" ON "dataset_versions" ("content_hash");

CREATE UNIQUE INDEX "IX_dataset_versions_name_version" ON "dataset_versions" ("name", "version");

CREATE INDEX "IX_model_versions_artifact_hash" ON "model_versions" ("artifact_hash");

CREATE INDEX "IX_model_versions_dataset_version_id" ON "model_versions" ("dataset_version_id");

CREATE UNIQUE INDEX "IX_model_versions_model_id_number" ON "model_versions" ("model_id", "number");

CREATE INDEX "IX_model_versions_parent_version_id" ON "model_versions" ("parent_version_id");

CREATE UNIQUE INDEX "IX_models_name" ON "models" ("name");


-- The audit trail is append-only: no row may change or disappear.
CREATE TRIGGER "audit_events_no_update"
BEFORE UPDATE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE is not allowed');
END;

CREATE TRIGGER "audit_events_no_delete"
BEFORE DELETE ON "audit_events"
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: DELETE is not allowed');
END;
