import { z } from 'zod';

export const ZHealthResponse = z
  .object({
    status: z.literal('ok'),
    uptimeSeconds: z.number(),
    version: z.string(),
  })
  .meta({ id: 'HealthResponse' });

export const ZReadinessResponse = z
  .object({
    status: z.enum(['ready', 'not_ready']),
    checks: z.array(
      z.object({
        name: z.string(),
        ok: z.boolean(),
        durationMs: z.number(),
        error: z.string().optional().describe('Why the check failed'),
      }),
    ),
  })
  .meta({ id: 'ReadinessResponse' });

export type THealthResponse = z.infer<typeof ZHealthResponse>;
export type TReadinessResponse = z.infer<typeof ZReadinessResponse>;
