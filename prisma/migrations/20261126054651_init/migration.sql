-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'researcher', 'annotator', 'viewer');

-- CreateEnum
CREATE TYPE "api_key_scope" AS ENUM ('inference', 'read', 'write', 'admin');

-- CreateEnum
CREATE TYPE "dataset_version_status" AS ENUM ('building', 'ready', 'frozen', 'failed');

-- CreateEnum
CREATE TYPE "answer_type" AS ENUM ('number', 'choice', 'text');

-- CreateEnum
CREATE TYPE "step_label_value" AS ENUM ('correct', 'incorrect', 'neutral');

-- CreateEnum
CREATE TYPE "training_run_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "compute_backend" AS ENUM ('tensorflow-gpu', 'tensorflow', 'wasm', 'cpu');

-- CreateEnum
CREATE TYPE "deployment_status" AS ENUM ('active', 'paused', 'archived');

-- CreateEnum
CREATE TYPE "trace_status" AS ENUM ('succeeded', 'failed');

-- CreateEnum
CREATE TYPE "annotation_item_status" AS ENUM ('pending', 'in_progress', 'done', 'skipped');

-- CreateEnum
CREATE TYPE "job_kind" AS ENUM ('dataset_build', 'training', 'evaluation');

-- CreateEnum
CREATE TYPE "job_status" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "blob_storage" AS ENUM ('postgres', 'disk');

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "user_role" NOT NULL DEFAULT 'viewer',
    "password_hash" TEXT,
    "disabled_at" TIMESTAMPTZ(3),
    "last_login_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),
    "ip" TEXT,
    "user_agent" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "scopes" "api_key_scope"[],
    "owner_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_logs" (
    "id" UUID NOT NULL,
    "actor_user_id" UUID,
    "actor_api_key_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp(),

    CONSTRAINT "audit_logs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blobs" (
    "id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "content_type" TEXT NOT NULL,
    "storage" "blob_storage" NOT NULL,
    "data" BYTEA,
    "storage_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "blobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "datasets" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_versions" (
    "id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "dataset_version_status" NOT NULL DEFAULT 'building',
    "config" JSONB NOT NULL,
    "header" JSONB NOT NULL,
    "report" JSONB,
    "digest" TEXT,
    "record_count" INTEGER NOT NULL DEFAULT 0,
    "parent_version_id" UUID,
    "error" TEXT,
    "frozen_at" TIMESTAMPTZ(3),
    "frozen_by_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dataset_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_questions" (
    "id" UUID NOT NULL,
    "dataset_version_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "answer_type" "answer_type" NOT NULL,
    "choices" TEXT[],
    "precision" INTEGER,
    "unit" TEXT,
    "meta" JSONB,

    CONSTRAINT "dataset_questions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_question_images" (
    "question_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "blob_id" UUID NOT NULL,
    "source" TEXT,

    CONSTRAINT "dataset_question_images_pkey" PRIMARY KEY ("question_id","position")
);

-- CreateTable
CREATE TABLE "dataset_solutions" (
    "id" UUID NOT NULL,
    "dataset_version_id" UUID NOT NULL,
    "question_id" UUID NOT NULL,
    "solution_index" INTEGER NOT NULL,
    "final_answer" TEXT,
    "correct" BOOLEAN NOT NULL,
    "meta" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_solutions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_sibling_groups" (
    "id" UUID NOT NULL,
    "solution_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "dataset_sibling_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_steps" (
    "id" UUID NOT NULL,
    "solution_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "sibling_index" INTEGER NOT NULL DEFAULT 0,
    "group_id" UUID,
    "text" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "rollouts" INTEGER NOT NULL,
    "correct_rollouts" INTEGER NOT NULL,
    "terminal" BOOLEAN NOT NULL,
    "answer" TEXT,

    CONSTRAINT "dataset_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_step_labels" (
    "id" UUID NOT NULL,
    "step_id" UUID NOT NULL,
    "author_id" UUID,
    "label" "step_label_value" NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dataset_step_labels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_runs" (
    "id" UUID NOT NULL,
    "name" TEXT,
    "dataset_version_id" UUID NOT NULL,
    "base_model_version_id" UUID,
    "config" JSONB NOT NULL,
    "status" "training_run_status" NOT NULL DEFAULT 'queued',
    "backend" "compute_backend",
    "worker_id" TEXT,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "step" INTEGER,
    "total_steps" INTEGER,
    "error" TEXT,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "training_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_metrics" (
    "run_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_metrics_pkey" PRIMARY KEY ("run_id","name","step")
);

-- CreateTable
CREATE TABLE "training_checkpoints" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "step" INTEGER NOT NULL,
    "blob_id" UUID NOT NULL,
    "metrics" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "training_checkpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_versions" (
    "id" UUID NOT NULL,
    "version" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "format" TEXT NOT NULL,
    "artifact_blob_id" UUID NOT NULL,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "config" JSONB,
    "training_run_id" UUID,
    "checkpoint_id" UUID,
    "dataset_version_id" UUID,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_aliases" (
    "name" TEXT NOT NULL,
    "model_version_id" UUID NOT NULL,
    "updated_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "model_aliases_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "status" "deployment_status" NOT NULL DEFAULT 'active',
    "policy_config" JSONB NOT NULL,
    "strategy_config" JSONB NOT NULL,
    "prm_model_version_id" UUID,
    "prm_alias_name" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "traces" (
    "id" UUID NOT NULL,
    "deployment_id" UUID NOT NULL,
    "request_id" TEXT,
    "api_key_id" UUID,
    "user_id" UUID,
    "prm_model_version_id" UUID,
    "status" "trace_status" NOT NULL DEFAULT 'succeeded',
    "error" TEXT,
    "question_text" TEXT NOT NULL,
    "params" JSONB,
    "strategy" TEXT NOT NULL,
    "tree" JSONB NOT NULL DEFAULT '[]',
    "solution" TEXT[],
    "answer" TEXT,
    "answer_node" INTEGER,
    "beam_widths" INTEGER[],
    "cost" JSONB,
    "generated_steps" INTEGER,
    "tokens" INTEGER,
    "latency_ms" INTEGER NOT NULL,
    "gold_answer" TEXT,
    "correct" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "traces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trace_images" (
    "trace_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "blob_id" UUID NOT NULL,
    "source" TEXT,

    CONSTRAINT "trace_images_pkey" PRIMARY KEY ("trace_id","position")
);

-- CreateTable
CREATE TABLE "annotation_queues" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "filter" JSONB,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "annotation_queues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_items" (
    "id" UUID NOT NULL,
    "queue_id" UUID NOT NULL,
    "trace_id" UUID NOT NULL,
    "status" "annotation_item_status" NOT NULL DEFAULT 'pending',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "locked_by_id" UUID,
    "lock_expires_at" TIMESTAMPTZ(3),
    "completed_by_id" UUID,
    "completed_at" TIMESTAMPTZ(3),
    "answer_correct" BOOLEAN,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "annotation_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "annotation_labels" (
    "id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "node_id" INTEGER NOT NULL,
    "label" "step_label_value" NOT NULL,
    "comment" TEXT,
    "author_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "annotation_labels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER,
    "backend" "compute_backend" NOT NULL,
    "gpu" BOOLEAN NOT NULL DEFAULT false,
    "capabilities" JSONB NOT NULL DEFAULT '{}',
    "version" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMPTZ(3),

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "kind" "job_kind" NOT NULL,
    "status" "job_status" NOT NULL DEFAULT 'queued',
    "queue" TEXT NOT NULL,
    "boss_job_id" TEXT,
    "payload" JSONB NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "progress" DOUBLE PRECISION,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "worker_id" TEXT,
    "training_run_id" UUID,
    "dataset_version_id" UUID,
    "model_version_id" UUID,
    "created_by_id" UUID,
    "cancel_requested_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_sessions_token_hash_key" ON "user_sessions"("token_hash");

-- CreateIndex
CREATE INDEX "user_sessions_user_id_idx" ON "user_sessions"("user_id");

-- CreateIndex
CREATE INDEX "user_sessions_expires_at_idx" ON "user_sessions"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_owner_id_idx" ON "api_keys"("owner_id");

-- CreateIndex
CREATE INDEX "audit_logs_entity_type_entity_id_created_at_idx" ON "audit_logs"("entity_type", "entity_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_actor_user_id_created_at_idx" ON "audit_logs"("actor_user_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_logs_created_at_idx" ON "audit_logs"("created_at");

-- CreateIndex
CREATE INDEX "audit_logs_request_id_idx" ON "audit_logs"("request_id");

-- CreateIndex
CREATE UNIQUE INDEX "blobs_sha256_key" ON "blobs"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "datasets_name_key" ON "datasets"("name");

-- CreateIndex
CREATE INDEX "datasets_created_by_id_idx" ON "datasets"("created_by_id");

-- CreateIndex
CREATE INDEX "dataset_versions_status_idx" ON "dataset_versions"("status");

-- CreateIndex
CREATE INDEX "dataset_versions_parent_version_id_idx" ON "dataset_versions"("parent_version_id");

-- CreateIndex
CREATE INDEX "dataset_versions_created_by_id_idx" ON "dataset_versions"("created_by_id");

-- CreateIndex
CREATE INDEX "dataset_versions_frozen_by_id_idx" ON "dataset_versions"("frozen_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_versions_dataset_id_version_key" ON "dataset_versions"("dataset_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_questions_dataset_version_id_external_id_key" ON "dataset_questions"("dataset_version_id", "external_id");

-- CreateIndex
CREATE INDEX "dataset_question_images_blob_id_idx" ON "dataset_question_images"("blob_id");

-- CreateIndex
CREATE INDEX "dataset_solutions_dataset_version_id_created_at_idx" ON "dataset_solutions"("dataset_version_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_solutions_question_id_solution_index_key" ON "dataset_solutions"("question_id", "solution_index");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_sibling_groups_solution_id_position_key" ON "dataset_sibling_groups"("solution_id", "position");

-- CreateIndex
CREATE INDEX "dataset_steps_group_id_idx" ON "dataset_steps"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_steps_solution_id_position_sibling_index_key" ON "dataset_steps"("solution_id", "position", "sibling_index");

-- CreateIndex
CREATE INDEX "dataset_step_labels_author_id_idx" ON "dataset_step_labels"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_step_labels_step_id_author_id_key" ON "dataset_step_labels"("step_id", "author_id");

-- CreateIndex
CREATE INDEX "training_runs_status_created_at_idx" ON "training_runs"("status", "created_at");

-- CreateIndex
CREATE INDEX "training_runs_dataset_version_id_idx" ON "training_runs"("dataset_version_id");

-- CreateIndex
CREATE INDEX "training_runs_base_model_version_id_idx" ON "training_runs"("base_model_version_id");

-- CreateIndex
CREATE INDEX "training_runs_worker_id_idx" ON "training_runs"("worker_id");

-- CreateIndex
CREATE INDEX "training_runs_created_by_id_idx" ON "training_runs"("created_by_id");

-- CreateIndex
CREATE INDEX "training_checkpoints_blob_id_idx" ON "training_checkpoints"("blob_id");

-- CreateIndex
CREATE UNIQUE INDEX "training_checkpoints_run_id_step_key" ON "training_checkpoints"("run_id", "step");

-- CreateIndex
CREATE UNIQUE INDEX "model_versions_version_key" ON "model_versions"("version");

-- CreateIndex
CREATE INDEX "model_versions_artifact_blob_id_idx" ON "model_versions"("artifact_blob_id");

-- CreateIndex
CREATE INDEX "model_versions_training_run_id_idx" ON "model_versions"("training_run_id");

-- CreateIndex
CREATE INDEX "model_versions_checkpoint_id_idx" ON "model_versions"("checkpoint_id");

-- CreateIndex
CREATE INDEX "model_versions_dataset_version_id_idx" ON "model_versions"("dataset_version_id");

-- CreateIndex
CREATE INDEX "model_versions_created_by_id_idx" ON "model_versions"("created_by_id");

-- CreateIndex
CREATE INDEX "model_aliases_model_version_id_idx" ON "model_aliases"("model_version_id");

-- CreateIndex
CREATE INDEX "model_aliases_updated_by_id_idx" ON "model_aliases"("updated_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "deployments_name_key" ON "deployments"("name");

-- CreateIndex
CREATE INDEX "deployments_prm_model_version_id_idx" ON "deployments"("prm_model_version_id");

-- CreateIndex
CREATE INDEX "deployments_prm_alias_name_idx" ON "deployments"("prm_alias_name");

-- CreateIndex
CREATE INDEX "deployments_created_by_id_idx" ON "deployments"("created_by_id");

-- CreateIndex
CREATE INDEX "traces_deployment_id_created_at_idx" ON "traces"("deployment_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "traces_created_at_idx" ON "traces"("created_at" DESC);

-- CreateIndex
CREATE INDEX "traces_deployment_id_correct_created_at_idx" ON "traces"("deployment_id", "correct", "created_at" DESC);

-- CreateIndex
CREATE INDEX "traces_deployment_id_generated_steps_idx" ON "traces"("deployment_id", "generated_steps");

-- CreateIndex
CREATE INDEX "traces_request_id_idx" ON "traces"("request_id");

-- CreateIndex
CREATE INDEX "traces_api_key_id_idx" ON "traces"("api_key_id");

-- CreateIndex
CREATE INDEX "traces_user_id_idx" ON "traces"("user_id");

-- CreateIndex
CREATE INDEX "traces_prm_model_version_id_idx" ON "traces"("prm_model_version_id");

-- CreateIndex
CREATE INDEX "trace_images_blob_id_idx" ON "trace_images"("blob_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_queues_name_key" ON "annotation_queues"("name");

-- CreateIndex
CREATE INDEX "annotation_queues_created_by_id_idx" ON "annotation_queues"("created_by_id");

-- CreateIndex
CREATE INDEX "annotation_items_queue_id_status_priority_created_at_idx" ON "annotation_items"("queue_id", "status", "priority" DESC, "created_at");

-- CreateIndex
CREATE INDEX "annotation_items_trace_id_idx" ON "annotation_items"("trace_id");

-- CreateIndex
CREATE INDEX "annotation_items_locked_by_id_idx" ON "annotation_items"("locked_by_id");

-- CreateIndex
CREATE INDEX "annotation_items_completed_by_id_idx" ON "annotation_items"("completed_by_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_items_queue_id_trace_id_key" ON "annotation_items"("queue_id", "trace_id");

-- CreateIndex
CREATE INDEX "annotation_labels_author_id_idx" ON "annotation_labels"("author_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_labels_item_id_node_id_author_id_key" ON "annotation_labels"("item_id", "node_id", "author_id");

-- CreateIndex
CREATE INDEX "workers_last_heartbeat_at_idx" ON "workers"("last_heartbeat_at");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_boss_job_id_key" ON "jobs"("boss_job_id");

-- CreateIndex
CREATE INDEX "jobs_status_created_at_idx" ON "jobs"("status", "created_at");

-- CreateIndex
CREATE INDEX "jobs_kind_status_idx" ON "jobs"("kind", "status");

-- CreateIndex
CREATE INDEX "jobs_worker_id_idx" ON "jobs"("worker_id");

-- CreateIndex
CREATE INDEX "jobs_training_run_id_idx" ON "jobs"("training_run_id");

-- CreateIndex
CREATE INDEX "jobs_dataset_version_id_idx" ON "jobs"("dataset_version_id");

-- CreateIndex
CREATE INDEX "jobs_model_version_id_idx" ON "jobs"("model_version_id");

-- CreateIndex
CREATE INDEX "jobs_created_by_id_idx" ON "jobs"("created_by_id");

-- AddForeignKey
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_user_id_fkey" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_logs" ADD CONSTRAINT "audit_logs_actor_api_key_id_fkey" FOREIGN KEY ("actor_api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_parent_version_id_fkey" FOREIGN KEY ("parent_version_id") REFERENCES "dataset_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_frozen_by_id_fkey" FOREIGN KEY ("frozen_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_questions" ADD CONSTRAINT "dataset_questions_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_question_images" ADD CONSTRAINT "dataset_question_images_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "dataset_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_question_images" ADD CONSTRAINT "dataset_question_images_blob_id_fkey" FOREIGN KEY ("blob_id") REFERENCES "blobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_solutions" ADD CONSTRAINT "dataset_solutions_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_solutions" ADD CONSTRAINT "dataset_solutions_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "dataset_questions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_sibling_groups" ADD CONSTRAINT "dataset_sibling_groups_solution_id_fkey" FOREIGN KEY ("solution_id") REFERENCES "dataset_solutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_steps" ADD CONSTRAINT "dataset_steps_solution_id_fkey" FOREIGN KEY ("solution_id") REFERENCES "dataset_solutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_steps" ADD CONSTRAINT "dataset_steps_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "dataset_sibling_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_step_labels" ADD CONSTRAINT "dataset_step_labels_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "dataset_steps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dataset_step_labels" ADD CONSTRAINT "dataset_step_labels_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_base_model_version_id_fkey" FOREIGN KEY ("base_model_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_metrics" ADD CONSTRAINT "training_metrics_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_checkpoints" ADD CONSTRAINT "training_checkpoints_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_checkpoints" ADD CONSTRAINT "training_checkpoints_blob_id_fkey" FOREIGN KEY ("blob_id") REFERENCES "blobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_artifact_blob_id_fkey" FOREIGN KEY ("artifact_blob_id") REFERENCES "blobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_training_run_id_fkey" FOREIGN KEY ("training_run_id") REFERENCES "training_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_checkpoint_id_fkey" FOREIGN KEY ("checkpoint_id") REFERENCES "training_checkpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_updated_by_id_fkey" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_prm_model_version_id_fkey" FOREIGN KEY ("prm_model_version_id") REFERENCES "model_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_prm_alias_name_fkey" FOREIGN KEY ("prm_alias_name") REFERENCES "model_aliases"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traces" ADD CONSTRAINT "traces_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traces" ADD CONSTRAINT "traces_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traces" ADD CONSTRAINT "traces_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "traces" ADD CONSTRAINT "traces_prm_model_version_id_fkey" FOREIGN KEY ("prm_model_version_id") REFERENCES "model_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trace_images" ADD CONSTRAINT "trace_images_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trace_images" ADD CONSTRAINT "trace_images_blob_id_fkey" FOREIGN KEY ("blob_id") REFERENCES "blobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_queues" ADD CONSTRAINT "annotation_queues_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "annotation_queues"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_trace_id_fkey" FOREIGN KEY ("trace_id") REFERENCES "traces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_locked_by_id_fkey" FOREIGN KEY ("locked_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_completed_by_id_fkey" FOREIGN KEY ("completed_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_labels" ADD CONSTRAINT "annotation_labels_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "annotation_items"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "annotation_labels" ADD CONSTRAINT "annotation_labels_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_worker_id_fkey" FOREIGN KEY ("worker_id") REFERENCES "workers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_training_run_id_fkey" FOREIGN KEY ("training_run_id") REFERENCES "training_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_dataset_version_id_fkey" FOREIGN KEY ("dataset_version_id") REFERENCES "dataset_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_model_version_id_fkey" FOREIGN KEY ("model_version_id") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────────────────── Hand-written: what schema.prisma cannot express ─────────────────────────
-- (prisma/README.md lists these; Prisma's diff ignores CHECK constraints, functions and triggers.)

-- AddCheckConstraints
ALTER TABLE "blobs" ADD CONSTRAINT "blobs_storage_check" CHECK (
    ("storage" = 'postgres' AND "data" IS NOT NULL AND "storage_key" IS NULL)
    OR ("storage" = 'disk' AND "storage_key" IS NOT NULL AND "data" IS NULL));
ALTER TABLE "blobs" ADD CONSTRAINT "blobs_content_check" CHECK ("sha256" ~ '^[0-9a-f]{64}$' AND "byte_size" >= 0);
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_prm_check" CHECK ("prm_model_version_id" IS NULL OR "prm_alias_name" IS NULL);
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_frozen_check" CHECK (("status" = 'frozen') = ("frozen_at" IS NOT NULL));
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_version_check" CHECK ("version" >= 1 AND "record_count" >= 0);
ALTER TABLE "dataset_steps" ADD CONSTRAINT "dataset_steps_value_check" CHECK (
    "value" >= 0 AND "value" <= 1 AND "rollouts" >= 0
    AND "correct_rollouts" >= 0 AND "correct_rollouts" <= GREATEST("rollouts", 1)
    AND "position" >= 0 AND "sibling_index" >= 0 AND ("sibling_index" = 0 OR "group_id" IS NOT NULL));
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_progress_check" CHECK ("progress" >= 0 AND "progress" <= 1);
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scopes_check" CHECK (cardinality("scopes") > 0);
ALTER TABLE "traces" ADD CONSTRAINT "traces_latency_check" CHECK ("latency_ms" >= 0);

-- FrozenDatasetVersions
-- A frozen dataset version cannot change (only updated_at may be touched), and neither can its
-- questions, images, solutions, sibling groups and steps. Step labels are annotations, not content:
-- they stay writable. Deleting a whole version (cascade) is allowed; Restrict FKs from training runs
-- and model versions keep a version that was used. (In row triggers OLD is NULL on INSERT and NEW
-- is NULL on DELETE, so `IN (OLD.x, NEW.x)` covers every operation.)
CREATE FUNCTION "prmbas_raise_dataset_version_frozen"(version_id uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dataset version % is frozen: it and its records cannot change', version_id
        USING ERRCODE = 'PB001', HINT = 'Create a new version (parent_version_id) instead.';
END
$$;

CREATE FUNCTION "prmbas_dataset_version_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD."status" = 'frozen' AND (to_jsonb(NEW) - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at') THEN
        PERFORM "prmbas_raise_dataset_version_frozen"(OLD."id");
    END IF;
    RETURN NEW;
END
$$;

-- Rows that carry dataset_version_id (questions, solutions).
CREATE FUNCTION "prmbas_guard_by_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    frozen uuid;
BEGIN
    SELECT v."id" INTO frozen FROM "dataset_versions" v
     WHERE v."status" = 'frozen' AND v."id" IN (OLD."dataset_version_id", NEW."dataset_version_id") LIMIT 1;
    IF frozen IS NOT NULL THEN PERFORM "prmbas_raise_dataset_version_frozen"(frozen); END IF;
    RETURN COALESCE(NEW, OLD);
END
$$;

-- Rows under a question (question images).
CREATE FUNCTION "prmbas_guard_by_question"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    frozen uuid;
BEGIN
    SELECT v."id" INTO frozen FROM "dataset_questions" q JOIN "dataset_versions" v ON v."id" = q."dataset_version_id"
     WHERE v."status" = 'frozen' AND q."id" IN (OLD."question_id", NEW."question_id") LIMIT 1;
    IF frozen IS NOT NULL THEN PERFORM "prmbas_raise_dataset_version_frozen"(frozen); END IF;
    RETURN COALESCE(NEW, OLD);
END
$$;

-- Rows under a solution (sibling groups, steps).
CREATE FUNCTION "prmbas_guard_by_solution"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    frozen uuid;
BEGIN
    SELECT v."id" INTO frozen FROM "dataset_solutions" s JOIN "dataset_versions" v ON v."id" = s."dataset_version_id"
     WHERE v."status" = 'frozen' AND s."id" IN (OLD."solution_id", NEW."solution_id") LIMIT 1;
    IF frozen IS NOT NULL THEN PERFORM "prmbas_raise_dataset_version_frozen"(frozen); END IF;
    RETURN COALESCE(NEW, OLD);
END
$$;

CREATE TRIGGER "dataset_versions_freeze_guard" BEFORE UPDATE ON "dataset_versions"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_dataset_version_guard"();
CREATE TRIGGER "dataset_questions_freeze_guard" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_questions"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_guard_by_version"();
CREATE TRIGGER "dataset_question_images_freeze_guard" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_question_images"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_guard_by_question"();
CREATE TRIGGER "dataset_solutions_freeze_guard" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_solutions"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_guard_by_version"();
CREATE TRIGGER "dataset_sibling_groups_freeze_guard" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_sibling_groups"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_guard_by_solution"();
CREATE TRIGGER "dataset_steps_freeze_guard" BEFORE INSERT OR UPDATE OR DELETE ON "dataset_steps"
    FOR EACH ROW EXECUTE FUNCTION "prmbas_guard_by_solution"();
