-- AlterTable
ALTER TABLE "deployments" ADD COLUMN     "prm_config" JSONB;

-- AddCheckConstraints (by hand: Prisma cannot express them; listed in prisma/README.md)
-- A deployment's PRM is at most one of: a pinned model version, an alias, an external reward server.
ALTER TABLE "deployments" DROP CONSTRAINT "deployments_prm_check";
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_prm_check" CHECK (
  ("prm_model_version_id" IS NOT NULL)::int + ("prm_alias_name" IS NOT NULL)::int + ("prm_config" IS NOT NULL)::int <= 1
);
