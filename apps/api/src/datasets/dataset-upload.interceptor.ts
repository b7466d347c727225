/**
 * The multipart side of an import: multer (through Nest's FileFieldsInterceptor, in memory) with
 * our limits, and its errors turned into AppErrors that say which limit was hit — Nest's own
 * mapping would answer a too-large part with the JSON body limit's message.
 */
import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { AppError } from '../errors/app-error';
import { DATASET_UPLOAD_LIMITS } from './upload-limits';

const limits = DATASET_UPLOAD_LIMITS;

/** A part as multer's memory storage gives it. */
export interface UploadedPart {
  fieldname: string;
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export type UploadedParts = { file?: UploadedPart[]; images?: UploadedPart[] } | undefined;

@Injectable()
export class DatasetUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor() {
    const Multer: Type<NestInterceptor> = FileFieldsInterceptor(
      [
        { name: 'file', maxCount: 1 },
        { name: 'images', maxCount: limits.imageParts },
      ],
      {
        limits: { fileSize: Math.max(limits.fileBytes, limits.images.maxBytes), files: 1 + limits.imageParts, parts: limits.imageParts + 16, fields: 8 },
        // Keep `images/q1.png` as sent: records name their images by relative path.
        preservePath: true,
        defParamCharset: 'utf8',
      },
    );
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
      throw new AppError('bad_request', 'send the import as multipart/form-data: a "file" part (the JSONL), "images" parts, and the form fields', { status: 415, code: 'unsupported_media_type' });
    }
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > limits.requestBytes) {
      throw AppError.payloadTooLarge(`the upload is ${length} bytes; the limit is ${limits.requestBytes}`);
    }
    try {
      return await (this.multer.intercept(context, next) as Promise<Observable<unknown>>);
    } catch (error) {
      throw uploadError(error);
    }
  }
}

function uploadError(error: unknown): unknown {
  if (!(error instanceof HttpException)) return error;
  const status = error.getStatus();
  if (status === 413) {
    return AppError.payloadTooLarge(`a part is larger than ${limits.fileBytes} bytes (the JSONL limit; each image may be at most ${limits.images.maxBytes})`, { param: 'file' });
  }
  if (/Too many (files|parts)/.test(error.message)) {
    return AppError.payloadTooLarge(`too many parts: at most one "file" and ${limits.imageParts} "images"`, { param: 'images' });
  }
  if (/Unexpected file field/.test(error.message)) {
    return AppError.validation('unexpected file part: send one "file" part and any number of "images" parts', { param: 'file' });
  }
  return AppError.badRequest(`malformed multipart body: ${error.message}`, { code: 'invalid_multipart' });
}
