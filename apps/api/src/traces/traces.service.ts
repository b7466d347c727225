/** Reading traces: one with its tree and images, or pages of summaries filtered by deployment, outcome, cost and date. */
import { Injectable } from '@nestjs/common';
import type { TFindTracesRequest, TFindTracesResponse, TGetTraceRequest, TTrace, TracesService as TracesServiceContract } from '@prmbas/contracts';
import { AppError } from '../errors/app-error';
import { toTraceSummary, toTraceView } from './trace-view';
import { TracesRepository } from './traces.repository';

@Injectable()
export class TracesService implements TracesServiceContract {
  constructor(private readonly traces: TracesRepository) {}

  async get({ id }: TGetTraceRequest): Promise<TTrace> {
    const row = await this.traces.get(id);
    if (!row) throw AppError.notFound('trace', id, { param: 'id' });
    return toTraceView(row);
  }

  async find(filter: TFindTracesRequest): Promise<TFindTracesResponse> {
    const rows = await this.traces.find(filter);
    const page = rows.slice(0, filter.limit);
    return { items: page.map(toTraceSummary), nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
  }

  async image(id: string, position: number): Promise<{ data: Uint8Array; mime: string }> {
    const image = await this.traces.image(id, position);
    if (!image) throw AppError.notFound('trace image', `${id}#${position}`, { param: 'position' });
    return image;
  }
}
