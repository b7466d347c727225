/**
 * What an item's view reads with it: the dataset step (its solution's earlier steps, its question
 * and images, its labels) or the trace (tree, images) and the trace labels. One include, shared by
 * the repositories that read items.
 */
import type { Prisma } from '@prmbas/db';

const USER_REF = { select: { id: true, email: true } } as const;

export const ITEM_INCLUDE = {
  lockedBy: USER_REF,
  completedBy: USER_REF,
  labels: { orderBy: [{ nodeId: 'asc' }, { createdAt: 'asc' }], include: { author: USER_REF } },
  datasetStep: {
    include: {
      labels: { orderBy: { createdAt: 'asc' }, include: { author: USER_REF } },
      solution: {
        include: {
          steps: { where: { siblingIndex: 0 }, orderBy: { position: 'asc' }, select: { position: true, text: true } },
          datasetVersion: { select: { id: true, datasetId: true } },
          question: { include: { images: { orderBy: { position: 'asc' }, include: { blob: { select: { sha256: true, contentType: true, byteSize: true } } } } } },
        },
      },
    },
  },
  trace: {
    select: {
      id: true,
      deploymentId: true,
      questionText: true,
      strategy: true,
      answer: true,
      answerNode: true,
      goldAnswer: true,
      correct: true,
      solution: true,
      tree: true,
      createdAt: true,
      images: { orderBy: { position: 'asc' }, select: { position: true, blob: { select: { contentType: true, byteSize: true } } } },
    },
  },
} satisfies Prisma.AnnotationItemInclude;

export type ItemRow = Prisma.AnnotationItemGetPayload<{ include: typeof ITEM_INCLUDE }>;
