-- CreateEnum
CREATE TYPE "annotation_queue_kind" AS ENUM ('steps', 'traces');

-- AlterTable
ALTER TABLE "annotation_items" ADD COLUMN     "dataset_step_id" UUID,
ADD COLUMN     "suggested_score" DOUBLE PRECISION,
ADD COLUMN     "suggestion" JSONB,
ALTER COLUMN "trace_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "annotation_queues" ADD COLUMN     "kind" "annotation_queue_kind" NOT NULL DEFAULT 'traces',
ADD COLUMN     "lock_ttl_seconds" INTEGER NOT NULL DEFAULT 600;

-- CreateIndex
CREATE INDEX "annotation_items_dataset_step_id_idx" ON "annotation_items"("dataset_step_id");

-- CreateIndex
CREATE UNIQUE INDEX "annotation_items_queue_id_dataset_step_id_key" ON "annotation_items"("queue_id", "dataset_step_id");

-- AddForeignKey
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_dataset_step_id_fkey" FOREIGN KEY ("dataset_step_id") REFERENCES "dataset_steps"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddCheckConstraints (by hand: Prisma cannot express them; listed in prisma/README.md)
-- An item reviews exactly one thing: a served trace or a dataset step.
ALTER TABLE "annotation_items" ADD CONSTRAINT "annotation_items_target_check" CHECK (("trace_id" IS NULL) <> ("dataset_step_id" IS NULL));
ALTER TABLE "annotation_queues" ADD CONSTRAINT "annotation_queues_lock_ttl_check" CHECK ("lock_ttl_seconds" >= 1);
